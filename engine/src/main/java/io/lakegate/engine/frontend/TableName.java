package io.lakegate.engine.frontend;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * A fully qualified table or view name, in lower case as Spark compares names.
 *
 * @param database the database (namespace); levels of a nested namespace are joined with '.'
 */
public record TableName(String catalog, String database, String table) {
    public TableName {
        catalog = requireNonNull(catalog, "catalog is null").toLowerCase(Locale.ROOT);
        database = requireNonNull(database, "database is null").toLowerCase(Locale.ROOT);
        table = requireNonNull(table, "table is null").toLowerCase(Locale.ROOT);
    }

    /** The name as Spark SQL text, each part back-quoted. */
    public String quoted() {
        return SparkIdentifiers.quote(catalog) + "." + SparkIdentifiers.quoteDotted(database) + "."
                + SparkIdentifiers.quote(table);
    }

    @Override
    public String toString() {
        return catalog + "." + database + "." + table;
    }
}
