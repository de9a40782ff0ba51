package io.lakegate.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A table or view of the catalog.
 *
 * @param database the database (namespace levels joined with {@code .})
 * @param comment the Iceberg {@code comment} property, which Spark's {@code COMMENT} clause sets
 */
public record TableInfo(String database, String name, TableType type, Optional<String> comment) {
    public TableInfo {
        requireNonNull(database, "database is null");
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(comment, "comment is null");
    }
}
