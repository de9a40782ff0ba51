package io.lakegate.engine.policy;

import static java.util.Objects.requireNonNull;

import io.lakegate.catalog.ColumnInfo;
import io.lakegate.engine.frontend.TableName;
import io.lakegate.policy.AccessDecision;
import io.lakegate.policy.ColumnMask;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one table or view shows one principal: whether it may read it, each column's access, the row filter and the
 * masks. A protected table is read only through {@link #projection()} and {@link #filter()}.
 *
 * @param columnAccess the decision on each column, by lower-case name
 * @param masks the mask on each masked column, by lower-case name
 * @param projection the select list that shows the readable columns, masked, each under its own name
 */
record TablePolicy(
        TableName table,
        List<ColumnInfo> columns,
        AccessDecision tableAccess,
        Map<String, AccessDecision> columnAccess,
        Optional<CompiledFilter> filter,
        Map<String, ColumnMask> masks,
        String projection) {
    TablePolicy {
        requireNonNull(table, "table is null");
        columns = List.copyOf(columns);
        requireNonNull(tableAccess, "tableAccess is null");
        columnAccess = Map.copyOf(columnAccess);
        requireNonNull(filter, "filter is null");
        masks = Map.copyOf(masks);
        requireNonNull(projection, "projection is null");
    }

    boolean readable() {
        return tableAccess.allowed() && columns.stream().anyMatch(column -> mayRead(column.name()));
    }

    boolean mayRead(String column) {
        AccessDecision decision = columnAccess.get(column.toLowerCase(Locale.ROOT));
        return decision != null && decision.allowed();
    }

    boolean hasDeniedColumns() {
        return columns.stream().anyMatch(column -> !mayRead(column.name()));
    }

    /** Whether reading the table needs the rewrite: a filter, a mask, or a column the principal may not read. */
    boolean isProtected() {
        return filter.isPresent() || !masks.isEmpty() || hasDeniedColumns();
    }

    /**
     * A row filter as it runs: the policy's condition with the tables it names written in full, and those tables.
     *
     * @param text the condition, Spark SQL over the table's columns
     * @param tablesRead tables the condition's subqueries read; the policy reads them, not the user, as in Hive
     */
    record CompiledFilter(String text, List<TableName> tablesRead, long policyId, String expression) {
        CompiledFilter {
            requireNonNull(text, "text is null");
            tablesRead = List.copyOf(tablesRead);
            requireNonNull(expression, "expression is null");
        }
    }
}
