package io.lakegate.engine;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a session is opened with.
 *
 * @param user the authenticated user the session acts for
 * @param database the current database to start in; the catalog's default database when empty
 * @param conf Spark session settings ({@code spark.sql.ansi.enabled}, for example)
 * @param restricted whether the session may change and read only the settings
 *     {@code lakegate.session.allowed-settings} allows, with Spark's variable substitution off. The engine restricts
 *     every session of a user its policies restrict, whatever this says: it can only add the restriction, for an
 *     application that wants it without policies.
 */
public record SessionSpec(String user, Optional<String> database, Map<String, String> conf, boolean restricted) {
    public SessionSpec {
        requireNonNull(user, "user is null");
        if (user.isBlank()) {
            throw new IllegalArgumentException("user is blank");
        }
        requireNonNull(database, "database is null");
        conf = Map.copyOf(conf);
    }

    public SessionSpec(String user, Optional<String> database, Map<String, String> conf) {
        this(user, database, conf, false);
    }

    public static SessionSpec forUser(String user) {
        return new SessionSpec(user, Optional.empty(), Map.of(), false);
    }

    public SessionSpec withDatabase(String database) {
        return new SessionSpec(user, Optional.of(database), conf, restricted);
    }

    public SessionSpec withConf(String key, String value) {
        Map<String, String> merged = new LinkedHashMap<>(conf);
        merged.put(key, value);
        return new SessionSpec(user, database, merged, restricted);
    }

    /** The same session, restricted to the allowed settings. */
    public SessionSpec asRestricted() {
        return new SessionSpec(user, database, conf, true);
    }
}
