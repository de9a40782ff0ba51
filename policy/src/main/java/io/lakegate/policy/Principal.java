package io.lakegate.policy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;

/**
 * Who a decision is for: the session's user, the groups Ranger matches (Ranger's {@code public} among them) and, for
 * the audit, where the user connects from and, when a service account acts for the user, which one.
 */
public record Principal(
        String user, Set<String> groups, Optional<String> clientAddress, Optional<String> actingAccount) {
    public Principal {
        requireNonNull(user, "user is null");
        groups = Set.copyOf(groups);
        requireNonNull(clientAddress, "clientAddress is null");
        requireNonNull(actingAccount, "actingAccount is null");
    }

    public Principal(String user, Set<String> groups, Optional<String> clientAddress) {
        this(user, groups, clientAddress, Optional.empty());
    }

    /** The same principal, as a service account acting for the user. */
    public Principal actedForBy(Optional<String> account) {
        return new Principal(user, groups, clientAddress, account);
    }
}
