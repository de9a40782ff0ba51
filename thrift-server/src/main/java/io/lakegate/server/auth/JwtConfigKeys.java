package io.lakegate.server.auth;

import io.lakegate.common.ConfigKey;
import java.util.List;

/** The keys of the JWT authentication ({@code lakegate.auth.jwt.*}). */
public final class JwtConfigKeys {
    /** Every key, in the order the documentation lists them. */
    public static final List<ConfigKey<?>> ALL = List.of();

    private JwtConfigKeys() {}
}
