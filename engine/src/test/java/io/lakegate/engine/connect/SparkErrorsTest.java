package io.lakegate.engine.connect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SparkErrorsTest {
    @Test
    void analysisErrorsLoseTheirPlan() {
        String spark = "[TABLE_OR_VIEW_NOT_FOUND] The table or view `t` cannot be found.\nIf you did not qualify "
                + "the name with a schema, verify the current_schema() output. SQLSTATE: 42P01; line 1 pos 14;\n"
                + "'Project [*]\n+- 'UnresolvedRelation [t], [], false\n";
        assertThat(SparkErrors.withoutPlan(spark))
                .endsWith("SQLSTATE: 42P01; line 1 pos 14")
                .doesNotContain("UnresolvedRelation");
    }

    @Test
    void syntaxErrorsKeepTheirPointer() {
        String spark = "[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'. SQLSTATE: 42601 (line 1, pos 0)\n\n"
                + "== SQL ==\nSELEC 1\n^^^\n";
        assertThat(SparkErrors.withoutPlan(spark)).isEqualTo(spark);
    }
}
