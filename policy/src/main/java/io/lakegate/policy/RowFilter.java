package io.lakegate.policy;

import static java.util.Objects.requireNonNull;

/**
 * The row filter a row-filter policy applies to one table for one principal.
 *
 * @param expression the policy's filter as written: a Spark SQL condition over the table's columns
 */
public record RowFilter(String expression, long policyId) {
    public RowFilter {
        requireNonNull(expression, "expression is null");
    }
}
