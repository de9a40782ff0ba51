package io.lakegate.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The current definition of a view: its SQL and the names its unqualified references resolve against.
 *
 * @param sql the view's query in Spark SQL
 * @param defaultCatalog the catalog that was current when the view was created, if Iceberg recorded one
 * @param defaultDatabase the database that was current when the view was created
 */
public record ViewDefinition(String sql, Optional<String> defaultCatalog, String defaultDatabase) {
    public ViewDefinition {
        requireNonNull(sql, "sql is null");
        requireNonNull(defaultCatalog, "defaultCatalog is null");
        requireNonNull(defaultDatabase, "defaultDatabase is null");
    }
}
