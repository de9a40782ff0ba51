package io.lakegate.server.auth;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import java.util.Arrays;
import java.util.List;

/**
 * The DN a user binds as, made from the user name: {@code uid={0},ou=people,dc=example,dc=com}. The name must be the
 * whole value of the first RDN, so that the DN is assembled from its parts (the SDK escapes the value) rather than
 * by pasting the name into text, where a comma or an equals sign would change which entry it names.
 */
record LdapDnPattern(String attribute, DN parent) {
    private static final String PLACEHOLDER = "{0}";

    /** Patterns separated by {@code ;}, tried in turn. */
    static List<LdapDnPattern> parseList(String text) {
        List<LdapDnPattern> patterns = Arrays.stream(text.split(";")).map(String::trim).filter(p -> !p.isEmpty())
                .map(LdapDnPattern::parse).toList();
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("expected a DN pattern such as uid={0},ou=people,dc=example,dc=com");
        }
        return patterns;
    }

    static LdapDnPattern parse(String pattern) {
        int equals = pattern.indexOf('=');
        int comma = pattern.indexOf(',');
        if (equals <= 0 || comma < equals || !pattern.substring(equals + 1, comma).trim().equals(PLACEHOLDER)
                || pattern.indexOf(PLACEHOLDER, comma) >= 0) {
            throw new IllegalArgumentException("expected {0} as the whole value of the first RDN, as in "
                    + "uid={0},ou=people,dc=example,dc=com, not " + pattern);
        }
        String attribute = pattern.substring(0, equals).trim();
        if (!RDN.isValidRDN(attribute + "=user")) {
            throw new IllegalArgumentException("'" + attribute + "' is not an attribute name: " + pattern);
        }
        try {
            return new LdapDnPattern(attribute, new DN(pattern.substring(comma + 1).trim()));
        } catch (LDAPException e) {
            throw new IllegalArgumentException("not a DN: " + pattern + " (" + e.getExceptionMessage() + ")");
        }
    }

    DN dnOf(String user) {
        return new DN(new RDN(attribute, user), parent);
    }

    @Override
    public String toString() {
        return attribute + "=" + PLACEHOLDER + "," + parent;
    }
}
