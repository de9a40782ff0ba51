package io.lakegate.engine.frontend;

import java.util.Set;

/**
 * The columns of one table reference that a statement uses.
 *
 * @param columns the columns named, lower case
 * @param allColumns a star, {@code TABLE t} or the like expands over every column, or the use is not known
 */
public record ColumnUse(Set<String> columns, boolean allColumns) {
    /** Every column: what a star uses, and what an unknown use counts as. */
    public static final ColumnUse ALL = new ColumnUse(Set.of(), true);
    /** No column, as in {@code SELECT count(*) FROM t}. */
    public static final ColumnUse NONE = new ColumnUse(Set.of(), false);

    public ColumnUse {
        columns = Set.copyOf(columns);
    }
}
