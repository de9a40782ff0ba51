package io.lakegate.server.auth;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * Who a client proved to be: its user name, and the groups its identity system puts it in (LDAP groups, a token's
 * groups claim). The policies' users file may add groups of its own when the session opens.
 */
public record Identity(String user, Set<String> groups) {
    public Identity {
        requireNonNull(user, "user is null");
        if (user.isEmpty()) {
            throw new IllegalArgumentException("user is empty");
        }
        groups = Set.copyOf(groups);
    }

    /** A user whose groups, if any, come from the users file alone. */
    public static Identity of(String user) {
        return new Identity(user, Set.of());
    }
}
