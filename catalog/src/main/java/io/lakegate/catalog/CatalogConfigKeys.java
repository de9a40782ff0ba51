package io.lakegate.catalog;

import io.lakegate.common.ConfigKey;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** The configuration keys of the catalog module. */
public final class CatalogConfigKeys {
    // The name is written unquoted in SQL (lakehouse.db.t) and becomes a Spark configuration key segment.
    private static final Pattern CATALOG_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public static final ConfigKey<Path> DATA_DIR = ConfigKey.path("lakegate.data.dir", "./data",
            "Directory holding the catalog database and the warehouse unless their own keys are set");

    public static final ConfigKey<String> NAME = new ConfigKey<>("lakegate.catalog.name", "lakehouse", "lakehouse",
            "Name of the catalog in SQL, which is also its Spark catalog name", CatalogConfigKeys::catalogName);

    public static final ConfigKey<String> DEFAULT_DATABASE = new ConfigKey<>("lakegate.catalog.default-database",
            "default", "default", "Database a new session starts in", CatalogConfigKeys::nonEmpty);

    public static final ConfigKey<String> URI = ConfigKey.derived("lakegate.catalog.uri",
            "jdbc:sqlite:<data dir>/catalog.db", "JDBC URL of the database of the Iceberg JDBC catalog",
            CatalogConfigKeys::nonEmpty);

    public static final ConfigKey<String> USER = ConfigKey.string("lakegate.catalog.user", null,
            "User name for the catalog database, when it needs one");

    public static final ConfigKey<String> PASSWORD = ConfigKey.string("lakegate.catalog.password", null,
            "Password for the catalog database, when it needs one");

    public static final ConfigKey<String> WAREHOUSE = ConfigKey.derived("lakegate.catalog.warehouse",
            "<data dir>/warehouse", "Location of new tables: a path or a URI such as s3a://bucket/warehouse",
            CatalogConfigKeys::nonEmpty);

    /** Every key of this module, in the order the documentation lists them. */
    public static final List<ConfigKey<?>> ALL = List.of(DATA_DIR, NAME, DEFAULT_DATABASE, URI, USER, PASSWORD,
            WAREHOUSE);

    private CatalogConfigKeys() {}

    private static String catalogName(String text) {
        if (!CATALOG_NAME.matcher(text).matches()) {
            throw new IllegalArgumentException("expected a name of letters, digits and underscores");
        }
        return text;
    }

    private static String nonEmpty(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("expected a value that is not empty");
        }
        return text;
    }
}
