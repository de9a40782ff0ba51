package io.lakegate.engine.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Ranger's {col} placeholder is replaced where Spark reads it as code, never inside literals or comments. */
class ColumnPlaceholderTest {
    @Test
    void replacesThePlaceholderWhereItIsCode() {
        assertThat(ColumnPlaceholder.substitute("round({col})", "`score`")).isEqualTo("round(`score`)");
        assertThat(ColumnPlaceholder.substitute("concat({col}, '-', {COL})", "`c`")).isEqualTo("concat(`c`, '-', `c`)");
    }

    @Test
    void leavesStringsQuotedNamesAndCommentsAlone() {
        assertThat(ColumnPlaceholder.substitute("concat('{col}', {col}) /* {col} */", "`c`"))
                .isEqualTo("concat('{col}', `c`) /* {col} */");
        assertThat(ColumnPlaceholder.substitute("`{col}` + { col }", "`c`")).isEqualTo("`{col}` + { col }");
    }
}
