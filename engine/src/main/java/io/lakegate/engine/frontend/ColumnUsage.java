package io.lakegate.engine.frontend;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Base-table columns that something costs: the columns a statement uses, or those that using one column of a derived
 * table or CTE would use. Mutable, built by one analysis.
 */
final class ColumnUsage {
    private final Map<TableReference, Set<String>> columns = new LinkedHashMap<>();
    private final Set<TableReference> all = new HashSet<>();

    /** The reference takes part even if no column of it is named (count(*), EXISTS (SELECT 1 ...)). */
    void touch(TableReference reference) {
        columns.computeIfAbsent(reference, r -> new LinkedHashSet<>());
    }

    boolean has(TableReference reference) {
        return columns.containsKey(reference);
    }

    void column(TableReference reference, String column) {
        columns.computeIfAbsent(reference, r -> new LinkedHashSet<>()).add(column);
    }

    void allColumns(TableReference reference) {
        touch(reference);
        all.add(reference);
    }

    void add(ColumnUsage other) {
        if (other == this) {
            return;
        }
        other.columns.forEach((reference, names) -> columns.computeIfAbsent(reference, r -> new LinkedHashSet<>())
                .addAll(names));
        all.addAll(other.all);
    }

    Map<TableReference, ColumnUse> toMap() {
        Map<TableReference, ColumnUse> uses = new LinkedHashMap<>();
        columns.forEach((reference, names) -> uses.put(reference, new ColumnUse(names, all.contains(reference))));
        return uses;
    }
}
