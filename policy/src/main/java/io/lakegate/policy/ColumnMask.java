package io.lakegate.policy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The mask a data-mask policy applies to one column for one principal.
 *
 * @param customExpression for {@link MaskType#CUSTOM}: the policy's value expression as written, Spark SQL with
 *     {@code {col}} standing for the column; empty for the other types
 */
public record ColumnMask(String column, MaskType type, Optional<String> customExpression, long policyId) {
    public ColumnMask {
        requireNonNull(column, "column is null");
        requireNonNull(type, "type is null");
        requireNonNull(customExpression, "customExpression is null");
        if (customExpression.isPresent() != (type == MaskType.CUSTOM)) {
            throw new IllegalArgumentException("customExpression: " + customExpression + " for " + type
                    + " (expected: an expression exactly for CUSTOM)");
        }
    }
}
