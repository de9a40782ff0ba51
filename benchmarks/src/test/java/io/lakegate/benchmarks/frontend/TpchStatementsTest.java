package io.lakegate.benchmarks.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.engine.frontend.Analysis;
import io.lakegate.engine.frontend.FrontEnd;
import io.lakegate.engine.frontend.SessionContext;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmark measures real work only if the front end understands its statements and replaces their reads. */
class TpchStatementsTest {
    @Test
    void loadsTheTwentyTwoQueriesWithQ15AsTwoStatements() {
        Map<String, String> statements = TpchStatements.all();
        assertThat(statements).hasSize(23).containsKeys("q1", "q15-view", "q15", "q22");
        assertThat(statements.get("q15-view")).contains("CREATE OR REPLACE VIEW revenue").doesNotContain("SELECT s_");
        assertThat(statements.get("q15")).startsWith("SELECT").doesNotContain(";");
    }

    @Test
    void frontEndUnderstandsEveryStatementAndReplacesItsReads() {
        FrontEnd frontEnd = new FrontEnd();
        SessionContext session = new SessionContext("lakehouse", TpchStatements.DATABASE, Set.of());
        TpchStatements.all().forEach((name, sql) -> {
            Analysis analysis = frontEnd.analyze(sql, session);
            assertThat(analysis.parseFailure()).as(name).isEmpty();
            assertThat(analysis.tablesRead()).as(name).isNotEmpty();
            assertThat(analysis.substitute(IdentitySubstitution::of)).as(name).isNotEqualTo(sql);
        });
    }
}
