package io.lakegate.policy;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Builds principals from the users file and authentication's groups, and knows the administrators. */
final class Principals {
    private final Optional<UsersFile> usersFile;
    private final Set<String> adminUsers;
    private final Set<String> adminGroups;

    Principals(Optional<UsersFile> usersFile, Set<String> adminUsers, Set<String> adminGroups) {
        this.usersFile = requireNonNull(usersFile, "usersFile is null");
        this.adminUsers = Set.copyOf(adminUsers);
        this.adminGroups = Set.copyOf(adminGroups);
    }

    Principal principal(String user, Set<String> extraGroups, Optional<String> clientAddress) {
        requireNonNull(user, "user is null");
        Set<String> groups = new HashSet<>(extraGroups);
        usersFile.ifPresent(file -> groups.addAll(file.groups(user)));
        groups.add(RangerEngine.PUBLIC_GROUP);
        return new Principal(user, groups, clientAddress);
    }

    boolean isAdmin(Principal principal) {
        return adminUsers.contains(principal.user()) || !Collections.disjoint(adminGroups, principal.groups());
    }

    Set<String> adminUsers() {
        return adminUsers;
    }

    Set<String> adminGroups() {
        return adminGroups;
    }
}
