package io.lakegate.engine.frontend.corpus;

import io.lakegate.engine.ColumnBatch;
import io.lakegate.engine.StatementResult;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;

/**
 * A statement's whole result, each value as comparable text: small corpus results fit in memory, and text makes rows
 * sortable whatever their types.
 *
 * @param columns each column's name and Spark type
 * @param rows the rows in the order the cluster sent them
 */
public record ResultTable(List<String> columns, List<List<String>> rows) {
    /**
     * Floating-point sums may differ in their last bits when Spark adds in another order: doubles are compared to
     * this precision. Decimals, which the benchmarks use for money, are compared exactly.
     */
    private static final MathContext DOUBLE_PRECISION = new MathContext(10);
    private static final String NULL = "<null>";

    public static ResultTable read(StatementResult result) {
        List<String> columns = result.columns().stream().map(column -> column.name() + " " + column.type().sql())
                .toList();
        List<List<String>> rows = new ArrayList<>();
        while (result.hasNext()) {
            ColumnBatch batch = result.next();
            for (int row = 0; row < batch.rowCount(); row++) {
                List<String> values = new ArrayList<>(columns.size());
                for (int column = 0; column < columns.size(); column++) {
                    values.add(text(batch.column(column), row));
                }
                rows.add(values);
            }
        }
        return new ResultTable(columns, rows);
    }

    /**
     * How this result differs from the expected one, if it does.
     *
     * @param ordered whether row order is part of the result (the query has a top-level ORDER BY)
     */
    public Optional<String> difference(ResultTable expected, boolean ordered) {
        if (!columns.equals(expected.columns)) {
            return Optional.of("columns " + columns + " instead of " + expected.columns);
        }
        if (rows.size() != expected.rows.size()) {
            return Optional.of(rows.size() + " rows instead of " + expected.rows.size());
        }
        List<List<String>> actualRows = ordered ? rows : sorted(rows);
        List<List<String>> expectedRows = ordered ? expected.rows : sorted(expected.rows);
        for (int row = 0; row < actualRows.size(); row++) {
            if (!actualRows.get(row).equals(expectedRows.get(row))) {
                return Optional.of((ordered ? "row " : "sorted row ") + row + " is " + actualRows.get(row)
                        + " instead of " + expectedRows.get(row));
            }
        }
        return Optional.empty();
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        return rows.stream().sorted(Comparator.comparing(row -> String.join("\u0001", row))).toList();
    }

    private static String text(FieldVector vector, int row) {
        Object value = vector.getObject(row);
        if (value instanceof Double number && Double.isFinite(number)) {
            return new BigDecimal(number).round(DOUBLE_PRECISION).toString();
        }
        return Objects.toString(value, NULL);
    }
}
