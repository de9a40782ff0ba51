package io.lakegate.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A read-only view of the Iceberg catalog that the Spark clusters write: databases, tables, views and their columns,
 * always as currently committed (nothing is cached). Safe for concurrent use.
 *
 * <p>A database is an Iceberg namespace, named by its levels joined with {@code .}; names are matched exactly, as
 * stored. Failures to reach the catalog database raise a {@link io.lakegate.common.LakegateException} with SQLSTATE
 * 08006; a column whose Iceberg type Spark cannot read (such as {@code time}) raises one with SQLSTATE 0A000.
 */
public interface LakeCatalog extends AutoCloseable {

    /**
     * Connects to the Iceberg JDBC catalog, creating the directory of a SQLite catalog file and the catalog's tables
     * when they do not exist yet.
     *
     * @throws io.lakegate.common.LakegateException with SQLSTATE 08006 when the catalog cannot be opened
     */
    static LakeCatalog open(CatalogConfig config) {
        return IcebergLakeCatalog.open(config);
    }

    /** The catalog name SQL uses. */
    String name();

    /** Every database, nested ones included, sorted. */
    List<String> listDatabases();

    boolean databaseExists(String database);

    /**
     * The tables and views of one database, sorted by name.
     *
     * @throws NoSuchDatabaseException when the database does not exist
     */
    List<TableInfo> listTables(String database);

    /**
     * The table or view of that name.
     *
     * @throws NoSuchTableException when there is none, also when the database does not exist
     */
    TableInfo table(String database, String name);

    /**
     * The columns of a table or view, in schema order.
     *
     * @throws NoSuchTableException when there is no table or view of that name
     */
    List<ColumnInfo> columns(String database, String table);

    /**
     * The definition of the view of that name, in Spark's dialect; empty when there is no such view (a table of that
     * name, or nothing).
     */
    Optional<ViewDefinition> view(String database, String name);

    /** Closes the connections to the catalog database. */
    @Override
    void close();
}
