package io.lakegate.engine;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a session is opened with.
 *
 * @param user the authenticated user the session acts for
 * @param database the current database to start in; the catalog's default database when empty
 * @param conf Spark session settings ({@code spark.sql.ansi.enabled}, for example)
 * @param groups groups that authentication found for the user, added to those the policies' users file gives it
 * @param clientAddress where the user connects from, for the audit log and the policies' address conditions
 * @param actingAccount the service account that opened the session for the user, for the audit log
 * @param restricted whether the session may change and read only the settings
 *     {@code lakegate.session.allowed-settings} allows, with Spark's variable substitution off. The engine restricts
 *     every session of a user its policies restrict, whatever this says: it can only add the restriction, for an
 *     application that wants it without policies.
 */
public record SessionSpec(
        String user, Optional<String> database, Map<String, String> conf, Set<String> groups,
        Optional<String> clientAddress, Optional<String> actingAccount, boolean restricted) {
    public SessionSpec {
        requireNonNull(user, "user is null");
        if (user.isBlank()) {
            throw new IllegalArgumentException("user is blank");
        }
        requireNonNull(database, "database is null");
        conf = Map.copyOf(conf);
        groups = Set.copyOf(groups);
        requireNonNull(clientAddress, "clientAddress is null");
        requireNonNull(actingAccount, "actingAccount is null");
    }

    public static SessionSpec forUser(String user) {
        return new SessionSpec(user, Optional.empty(), Map.of(), Set.of(), Optional.empty(), Optional.empty(), false);
    }

    public SessionSpec withDatabase(String database) {
        return new SessionSpec(user, Optional.of(database), conf, groups, clientAddress, actingAccount, restricted);
    }

    public SessionSpec withConf(String key, String value) {
        Map<String, String> merged = new LinkedHashMap<>(conf);
        merged.put(key, value);
        return new SessionSpec(user, database, merged, groups, clientAddress, actingAccount, restricted);
    }

    public SessionSpec withClientAddress(String address) {
        return new SessionSpec(user, database, conf, groups, Optional.of(address), actingAccount, restricted);
    }

    /** The groups authentication found for the user. */
    public SessionSpec withGroups(Set<String> authenticatedGroups) {
        return new SessionSpec(user, database, conf, authenticatedGroups, clientAddress, actingAccount, restricted);
    }

    /** The session is opened for its user by this service account. */
    public SessionSpec actedForBy(String account) {
        return new SessionSpec(user, database, conf, groups, clientAddress, Optional.of(account), restricted);
    }

    /** The same session, restricted to the allowed settings. */
    public SessionSpec asRestricted() {
        return new SessionSpec(user, database, conf, groups, clientAddress, actingAccount, true);
    }
}
