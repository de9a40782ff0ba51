package io.lakegate.engine.frontend;

import java.util.List;
import java.util.Optional;

/**
 * Tells the front end the columns of a table, so that it can say which columns a statement uses. The engine answers
 * from its catalog; a temporary view or an unknown table has no known columns, and every column of it then counts as
 * used.
 */
@FunctionalInterface
public interface SchemaResolver {
    /** Knows no schema: every table's use is all of its columns. */
    SchemaResolver NONE = table -> Optional.empty();

    /** The table's column names in order, or empty when the table or its schema is unknown. */
    Optional<List<String>> columns(TableName table);
}
