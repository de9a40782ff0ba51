package io.lakegate.server.cli;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.SessionSpec;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the settings a HiveServer2 client sends mean here: OpenSession's configuration (the database to use, Spark
 * settings, Hive's own keys, which mean nothing to Spark) and ExecuteStatement's confOverlay.
 */
final class ClientSettings {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSettings.class);
    private static final String USE_DATABASE = "use:database";
    private static final String SET_HIVECONF = "set:hiveconf:";
    private static final String PROXY_USER = "hive.server2.proxy.user";

    private ClientSettings() {}

    /** The user a service account asks the session to act for, Hive's way, with or without the hiveconf prefix. */
    static Optional<String> proxyUser(Map<String, String> configuration) {
        return Optional.ofNullable(configuration.get(PROXY_USER))
                .or(() -> Optional.ofNullable(configuration.get(SET_HIVECONF + PROXY_USER)))
                .map(String::strip);
    }

    /** Applies one entry of OpenSession's configuration; Hive settings that mean nothing here are accepted. */
    static SessionSpec configure(SessionSpec spec, String key, String value) {
        if (key.equals(USE_DATABASE)) {
            return spec.withDatabase(value);
        }
        // Hive variables are for substituting into statements, which Lakegate does not do: they are accepted only.
        // Spark's own substitution is off for restricted users, so they cannot read the server's settings either.
        if (reachesSpark(key)) {
            return spec.withConf(sparkKey(key), value);
        }
        LOG.debug("Session setting {} ignored: it has no meaning for Spark", key);
        return spec;
    }

    /**
     * Per-statement Spark settings would change the session for good; Hive's own settings mean nothing here and never
     * reach Spark. A key the session's user may not set at all is refused as such (SQLSTATE 42000).
     */
    static void rejectStatementSettings(ServerSession session, Map<String, String> overlay) {
        if (overlay == null) {
            return;
        }
        overlay.keySet().stream().filter(ClientSettings::reachesSpark).sorted()
                .forEach(key -> session.engineSession().requireSettable(sparkKey(key)));
        if (overlay.keySet().stream().anyMatch(ClientSettings::reachesSpark)) {
            throw new LakegateException(SqlStates.FEATURE_NOT_SUPPORTED, "Spark settings for a single statement "
                    + "are not supported; set them for the session with SET or when it opens");
        }
    }

    /** Whether a key of OpenSession's configuration or of confOverlay is a Spark setting. */
    private static boolean reachesSpark(String key) {
        return sparkKey(key).startsWith("spark.");
    }

    private static String sparkKey(String key) {
        return key.startsWith(SET_HIVECONF) ? key.substring(SET_HIVECONF.length()) : key;
    }
}
