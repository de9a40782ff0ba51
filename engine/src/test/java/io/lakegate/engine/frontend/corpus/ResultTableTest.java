package io.lakegate.engine.frontend.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {
    private static final List<String> COLUMNS = List.of("a bigint", "b string");
    private static final ResultTable EXPECTED = new ResultTable(COLUMNS, List.of(List.of("1", "x"), List.of("2", "y")));

    @Test
    void rowOrderCountsOnlyWhenTheQueryOrdersItsRows() {
        ResultTable swapped = new ResultTable(COLUMNS, List.of(List.of("2", "y"), List.of("1", "x")));
        assertThat(swapped.difference(EXPECTED, false)).isEmpty();
        assertThat(swapped.difference(EXPECTED, true)).hasValue("row 0 is [2, y] instead of [1, x]");
    }

    @Test
    void namesOtherColumnsRowCountsAndValues() {
        assertThat(new ResultTable(List.of("a bigint", "c string"), EXPECTED.rows()).difference(EXPECTED, false))
                .hasValueSatisfying(difference -> assertThat(difference).startsWith("columns"));
        assertThat(new ResultTable(COLUMNS, List.of(List.of("1", "x"))).difference(EXPECTED, false))
                .hasValue("1 rows instead of 2");
        assertThat(new ResultTable(COLUMNS, List.of(List.of("1", "x"), List.of("2", "z"))).difference(EXPECTED, false))
                .hasValue("sorted row 1 is [2, z] instead of [2, y]");
    }
}
