package io.lakegate.catalog;

import static java.util.Objects.requireNonNull;

import io.lakegate.common.Settings;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where the Iceberg catalog is and how to reach it, read once from the settings.
 *
 * <p>{@link #toString()} never shows the password, neither the {@code password} component nor one written into the
 * JDBC URL.
 *
 * @param name the catalog name SQL uses, which is also the Spark catalog name and the {@code catalog_name} under which
 *     the JDBC catalog stores its tables
 * @param defaultDatabase the database a new session starts in
 * @param uri the JDBC URL of the catalog database
 * @param warehouse the location of new tables: a path, or a URI such as {@code s3a://bucket/warehouse}
 * @param dataDir the absolute directory the default URI and warehouse are derived from
 */
public record CatalogConfig(
        String name,
        String defaultDatabase,
        String uri,
        String warehouse,
        Optional<String> user,
        Optional<String> password,
        Path dataDir) {

    private static final String SQLITE_URI_PREFIX = "jdbc:sqlite:";
    // sqlite-jdbc waits this long for another process's write lock (a Spark commit) before failing with
    // SQLITE_BUSY; its default of 3 seconds is short when several Spark sessions commit at once.
    private static final String SQLITE_BUSY_TIMEOUT_MILLIS = "10000";
    private static final String REDACTED = "***";
    private static final Pattern URI_PASSWORD = Pattern.compile("(?i)((?:password|passwd|pwd)=)[^&;]*");
    private static final Pattern URI_USER_INFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

    public CatalogConfig {
        requireNonNull(name, "name is null");
        requireNonNull(defaultDatabase, "defaultDatabase is null");
        requireNonNull(uri, "uri is null");
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(dataDir, "dataDir is null");
    }

    /**
     * Reads the catalog keys of {@link CatalogConfigKeys}. The data directory is made absolute, and the URI and the
     * warehouse, when not set, are derived from it, so that Spark processes with another working directory find the
     * same files. An empty user or password counts as not set.
     *
     * @throws io.lakegate.common.LakegateException with SQLSTATE 22023 when a value is not valid
     */
    public static CatalogConfig from(Settings settings) {
        Path dataDir = settings.get(CatalogConfigKeys.DATA_DIR).toAbsolutePath().normalize();
        return new CatalogConfig(
                settings.get(CatalogConfigKeys.NAME),
                settings.get(CatalogConfigKeys.DEFAULT_DATABASE),
                settings.find(CatalogConfigKeys.URI).orElse(SQLITE_URI_PREFIX + dataDir.resolve("catalog.db")),
                settings.find(CatalogConfigKeys.WAREHOUSE).orElse(dataDir.resolve("warehouse").toString()),
                settings.find(CatalogConfigKeys.USER).filter(user -> !user.isEmpty()),
                settings.find(CatalogConfigKeys.PASSWORD).filter(password -> !password.isEmpty()),
                dataDir);
    }

    /**
     * The properties of the Iceberg catalog, keyed as Iceberg's {@code CatalogUtil} and Spark's Iceberg
     * {@code SparkCatalog} read them. Lakegate opens its own view of the catalog with these, and the engine gives
     * Spark exactly the same ones, as {@code spark.sql.catalog.<name>.<key>} beside
     * {@code spark.sql.catalog.<name>=org.apache.iceberg.spark.SparkCatalog}, so that both open the same catalog the
     * same way:
     *
     * <ul>
     *   <li>{@code type=jdbc}, {@code uri} and {@code warehouse};
     *   <li>{@code jdbc.user} and {@code jdbc.password} when set;
     *   <li>{@code jdbc.schema-version=V1}, without which the JDBC catalog cannot store Iceberg views;
     *   <li>for SQLite, {@code jdbc.busy_timeout}, so that reading waits for another process's commit instead of
     *       failing.
     * </ul>
     *
     * <p>The map holds the password: do not log it.
     */
    public Map<String, String> icebergProperties() {
        Map<String, String> properties = new TreeMap<>();
        properties.put("type", "jdbc");
        properties.put("uri", uri);
        properties.put("warehouse", warehouse);
        properties.put("jdbc.schema-version", "V1");
        user.ifPresent(value -> properties.put("jdbc.user", value));
        password.ifPresent(value -> properties.put("jdbc.password", value));
        if (isSqlite()) {
            properties.put("jdbc.busy_timeout", SQLITE_BUSY_TIMEOUT_MILLIS);
        }
        return Collections.unmodifiableMap(properties);
    }

    @Override
    public String toString() {
        return "CatalogConfig[name=" + name + ", defaultDatabase=" + defaultDatabase + ", uri=" + redact(uri)
                + ", warehouse=" + warehouse + ", user=" + user.orElse("(none)")
                + ", password=" + password.map(value -> REDACTED).orElse("(none)") + ", dataDir=" + dataDir + "]";
    }

    boolean isSqlite() {
        return uri.startsWith(SQLITE_URI_PREFIX);
    }

    /**
     * The database file a {@code jdbc:sqlite:} URI names, when it names a plain path rather than an in-memory database
     * or a {@code file:} URI.
     */
    Optional<Path> sqliteFile() {
        if (!isSqlite()) {
            return Optional.empty();
        }
        String location = uri.substring(SQLITE_URI_PREFIX.length());
        int query = location.indexOf('?');
        if (query >= 0) {
            location = location.substring(0, query);
        }
        if (location.isEmpty() || location.startsWith(":") || location.startsWith("file:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(location).toAbsolutePath());
    }

    /** The text with the passwords it may hold (in a JDBC URL, or the configured one) replaced by {@code ***}. */
    String redact(String text) {
        String result = URI_PASSWORD.matcher(text).replaceAll("$1" + REDACTED);
        result = URI_USER_INFO.matcher(result).replaceAll("$1" + REDACTED + "@");
        if (password.isPresent()) {
            result = result.replace(password.get(), REDACTED);
        }
        return result;
    }
}
