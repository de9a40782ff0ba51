package io.lakegate.catalog;

import static java.util.Objects.requireNonNull;

import io.lakegate.common.SparkType;
import java.util.Optional;

/**
 * A top-level column of a table or view, as Spark describes it.
 *
 * @param type the Spark type, with the nullability and comments of nested fields inside it
 * @param nullable whether the column is optional in Iceberg
 * @param comment the Iceberg field's {@code doc}, which Spark's column {@code COMMENT} sets
 * @param ordinalPosition the column's position in the schema, starting at 1
 */
public record ColumnInfo(String name, SparkType type, boolean nullable, Optional<String> comment,
        int ordinalPosition) {
    public ColumnInfo {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(comment, "comment is null");
        if (ordinalPosition < 1) {
            throw new IllegalArgumentException("ordinalPosition: " + ordinalPosition + " (expected: >= 1)");
        }
    }
}
