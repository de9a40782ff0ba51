package io.lakegate.catalog;

import static java.util.Objects.requireNonNull;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchViewException;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.jdbc.JdbcClientPool;
import org.apache.iceberg.jdbc.UncheckedSQLException;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.view.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link LakeCatalog} over Iceberg's {@link JdbcCatalog}, reading files with its default {@code HadoopFileIO}. */
final class IcebergLakeCatalog implements LakeCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(IcebergLakeCatalog.class);
    private static final char NUL = '\0';

    /** The SQLSTATE for a feature that is not supported (SQL standard class 0A). */
    private static final String COMMENT_PROPERTY = "comment";
    private static final String SPARK_DIALECT = "spark";

    private final CatalogConfig config;
    private final JdbcCatalog catalog;

    private IcebergLakeCatalog(CatalogConfig config, JdbcCatalog catalog) {
        this.config = requireNonNull(config, "config is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    static IcebergLakeCatalog open(CatalogConfig config) {
        Optional<Path> sqliteFile = config.sqliteFile();
        if (sqliteFile.isPresent()) {
            createParentDirectory(config, sqliteFile.get());
        }
        JdbcCatalog catalog;
        try {
            catalog = initialize(config);
        } catch (RuntimeException firstAttempt) {
            // Iceberg adds the view column of a new database by checking, then altering, without a lock: when a Spark
            // driver opens the same new database at the same moment, the loser fails once and then sees the column.
            try {
                catalog = initialize(config);
            } catch (RuntimeException e) {
                throw failure(config, "Cannot open the Iceberg catalog at ", e);
            }
        }
        LOG.info("Opened the Iceberg catalog {} at {}", config.name(), config.redact(config.uri()));
        return new IcebergLakeCatalog(config, catalog);
    }

    private static JdbcCatalog initialize(CatalogConfig config) {
        Map<String, String> properties = config.icebergProperties();
        JdbcClientPool connections = new JdbcClientPool(config.uri(), properties);
        JdbcCatalog catalog = new JdbcCatalog(null, ignored -> connections, true);
        catalog.setConf(new Configuration());
        try {
            catalog.initialize(config.name(), properties);
            return catalog;
        } catch (RuntimeException e) {
            // The catalog takes charge of closing its connections only once initialize() has succeeded.
            connections.close();
            throw e;
        }
    }

    private static void createParentDirectory(CatalogConfig config, Path file) {
        Path directory = file.getParent();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new LakegateException(SqlStates.CONNECTION_FAILURE, "Cannot open the Iceberg catalog at "
                    + config.redact(config.uri()) + ": cannot create the directory " + directory + ": " + e, e);
        }
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public List<String> listDatabases() {
        return read(() -> {
            List<String> databases = new ArrayList<>();
            collectDatabases(Namespace.empty(), databases);
            databases.sort(Comparator.naturalOrder());
            return List.copyOf(databases);
        });
    }

    private void collectDatabases(Namespace parent, List<String> databases) {
        List<Namespace> children;
        try {
            children = catalog.listNamespaces(parent);
        } catch (NoSuchNamespaceException e) {
            return; // dropped by another process since its parent was listed
        }
        for (Namespace child : children) {
            databases.add(String.join(".", child.levels()));
            collectDatabases(child, databases);
        }
    }

    @Override
    public boolean databaseExists(String database) {
        if (database.indexOf(NUL) >= 0) {
            return false;
        }
        return read(() -> catalog.namespaceExists(namespace(database)));
    }

    @Override
    public List<TableInfo> listTables(String database) {
        Namespace namespace = namespace(database);
        return read(() -> {
            List<TableIdentifier> identifiers = new ArrayList<>();
            try {
                identifiers.addAll(catalog.listTables(namespace));
                identifiers.addAll(catalog.listViews(namespace));
            } catch (NoSuchNamespaceException e) {
                throw new NoSuchDatabaseException(database);
            }
            // An entry dropped by another process between the listing and its loading is left out.
            return identifiers.stream()
                    .flatMap(identifier -> load(identifier).map(entry -> entry.info(database)).stream())
                    .sorted(Comparator.comparing(TableInfo::name))
                    .toList();
        });
    }

    @Override
    public TableInfo table(String database, String name) {
        TableIdentifier identifier = TableIdentifier.of(namespace(database), name);
        return read(() -> load(identifier)).orElseThrow(() -> new NoSuchTableException(database, name))
                .info(database);
    }

    @Override
    public List<ColumnInfo> columns(String database, String table) {
        TableIdentifier identifier = TableIdentifier.of(namespace(database), table);
        Schema schema = read(() -> load(identifier)).orElseThrow(() -> new NoSuchTableException(database, table))
                .schema();
        List<ColumnInfo> columns = new ArrayList<>();
        for (Types.NestedField field : schema.columns()) {
            try {
                columns.add(new ColumnInfo(field.name(), IcebergTypes.toSpark(field.type()), field.isOptional(),
                        IcebergTypes.doc(field), columns.size() + 1));
            } catch (UnsupportedOperationException e) {
                throw new LakegateException(SqlStates.FEATURE_NOT_SUPPORTED,
                        "Cannot describe column " + field.name() + " of " + database + "." + table + ": "
                                + e.getMessage());
            }
        }
        return List.copyOf(columns);
    }

    @Override
    public Optional<ViewDefinition> view(String database, String name) {
        TableIdentifier identifier = TableIdentifier.of(namespace(database), name);
        return read(() -> {
            try {
                View view = catalog.loadView(identifier);
                // Spark writes its views in its own dialect; a view only other engines wrote has no Spark text.
                return Optional.ofNullable(view.sqlFor(SPARK_DIALECT))
                        .filter(representation -> representation.dialect().equalsIgnoreCase(SPARK_DIALECT))
                        .map(representation -> new ViewDefinition(representation.sql(),
                                Optional.ofNullable(view.currentVersion().defaultCatalog()),
                                String.join(".", view.currentVersion().defaultNamespace().levels())));
            } catch (NoSuchViewException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public void close() {
        catalog.close();
    }

    private Optional<Entry> load(TableIdentifier identifier) {
        try {
            Table table = catalog.loadTable(identifier);
            return Optional.of(new Entry(identifier.name(), TableType.TABLE, table.properties(), table.schema()));
        } catch (org.apache.iceberg.exceptions.NoSuchTableException e) {
            // not a table: maybe a view
        }
        try {
            View view = catalog.loadView(identifier);
            return Optional.of(new Entry(identifier.name(), TableType.VIEW, view.properties(), view.schema()));
        } catch (NoSuchViewException e) {
            return Optional.empty();
        }
    }

    /** Iceberg refuses a name with a NUL character, which no namespace can have: that database does not exist. */
    private static Namespace namespace(String database) {
        if (database.indexOf(NUL) >= 0) {
            throw new NoSuchDatabaseException(database.replace(NUL, '?'));
        }
        return Namespace.of(database.split("\\.", -1));
    }

    private <T> T read(Supplier<T> action) {
        try {
            return action.get();
        } catch (UncheckedSQLException e) {
            throw failure(config, "Cannot read the Iceberg catalog at ", e);
        }
    }

    /**
     * A connection failure, told with the innermost cause's message. The cause is kept only when no message in its
     * chain shows a password, because whoever logs the exception logs the chain.
     */
    private static LakegateException failure(CatalogConfig config, String what, RuntimeException e) {
        Throwable root = e;
        boolean safe = true;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                root = cause;
                safe &= config.redact(cause.getMessage()).equals(cause.getMessage());
            }
        }
        String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new LakegateException(SqlStates.CONNECTION_FAILURE,
                what + config.redact(config.uri()) + ": " + config.redact(reason), safe ? e : null);
    }

    private record Entry(String name, TableType type, Map<String, String> properties, Schema schema) {
        TableInfo info(String database) {
            return new TableInfo(database, name, type, Optional.ofNullable(properties.get(COMMENT_PROPERTY)));
        }
    }
}
