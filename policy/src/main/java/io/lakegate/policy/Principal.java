package io.lakegate.policy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;

/**
 * Who a decision is for: the session's user, the groups Ranger matches (Ranger's {@code public} among them) and, for
 * the audit, where the user connects from.
 */
public record Principal(String user, Set<String> groups, Optional<String> clientAddress) {
    public Principal {
        requireNonNull(user, "user is null");
        groups = Set.copyOf(groups);
        requireNonNull(clientAddress, "clientAddress is null");
    }
}
