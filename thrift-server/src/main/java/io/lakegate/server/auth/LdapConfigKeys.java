package io.lakegate.server.auth;

import io.lakegate.common.ConfigKey;
import java.util.List;

/** The keys of the LDAP authentication ({@code lakegate.auth.ldap.*}). */
public final class LdapConfigKeys {
    /** Every key, in the order the documentation lists them. */
    public static final List<ConfigKey<?>> ALL = List.of();

    private LdapConfigKeys() {}
}
