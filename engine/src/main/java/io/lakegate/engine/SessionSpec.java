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
 */
public record SessionSpec(String user, Optional<String> database, Map<String, String> conf) {
    public SessionSpec {
        requireNonNull(user, "user is null");
        if (user.isBlank()) {
            throw new IllegalArgumentException("user is blank");
        }
        requireNonNull(database, "database is null");
        conf = Map.copyOf(conf);
    }

    public static SessionSpec forUser(String user) {
        return new SessionSpec(user, Optional.empty(), Map.of());
    }

    public SessionSpec withDatabase(String database) {
        return new SessionSpec(user, Optional.of(database), conf);
    }

    public SessionSpec withConf(String key, String value) {
        Map<String, String> merged = new LinkedHashMap<>(conf);
        merged.put(key, value);
        return new SessionSpec(user, database, merged);
    }
}
