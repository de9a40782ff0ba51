package io.lakegate.engine.frontend;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The columns of one table reference that a statement uses.
 *
 * @param columns the columns named, lower case (Spark compares names case-insensitively), in the order first seen
 * @param allColumns true when a star, {@code TABLE t}, {@code struct(*)}, {@code INSERT *} or {@code UPDATE SET *}
 *     expands over the reference (a star inside {@code EXISTS} reads nothing), when its schema is unknown, or when it
 *     is read in a way the analysis does not follow: a policy that denies any column of the table then denies the
 *     statement, as Hive does
 */
public record ColumnUse(Set<String> columns, boolean allColumns) {
    /** Every column: what a star uses, and what an unknown use counts as. */
    public static final ColumnUse ALL = new ColumnUse(Set.of(), true);
    /** No column, as in {@code SELECT count(*) FROM t}. */
    public static final ColumnUse NONE = new ColumnUse(Set.of(), false);

    public ColumnUse {
        columns = Collections.unmodifiableSet(new LinkedHashSet<>(requireNonNull(columns, "columns is null")));
    }
}
