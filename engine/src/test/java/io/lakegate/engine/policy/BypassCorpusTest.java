package io.lakegate.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.engine.policy.BypassCase.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bypass corpus reads as its format says, and is as big as issue 8 asks. */
class BypassCorpusTest {
    @Test
    void theCorpusHoldsAtLeast300WellFormedCases() {
        List<BypassCase> cases = BypassCorpus.all();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
        assertThat(cases).allSatisfy(c -> assertThat(c.user()).isIn("alice", "bob", "carol", "dave", "erin"));
        assertThat(cases).filteredOn(c -> !c.control()).hasSizeGreaterThanOrEqualTo(250);
    }

    @Test
    void fieldsContinueOnIndentedLinesAndRowsSplitOnBars() {
        List<BypassCase> cases = BypassCorpus.parse("test", """
                # a comment
                == one
                user: alice
                setup: USE vault
                sql: SELECT id,
                  name FROM accounts
                expect: rows
                row: 1 | x
                row: 2 | <null>
                control: reads nothing protected

                == two
                user: bob
                sql: SELECT 1
                expect: same-as SELECT
                  2
                """);
        assertThat(cases).hasSize(2);
        assertThat(cases.get(0).sql()).isEqualTo("SELECT id,\nname FROM accounts");
        assertThat(cases.get(0).expectation().rows()).containsExactly(List.of("1", "x"), List.of("2", "<null>"));
        assertThat(cases.get(0).control()).isTrue();
        assertThat(cases.get(1).expectation().kind()).isEqualTo(Kind.SAME_AS);
        assertThat(cases.get(1).expectation().query()).contains("SELECT\n2");
    }

    @Test
    void mistakesInTheFormatAreReportedWithTheLine() {
        assertThatThrownBy(() -> BypassCorpus.parse("f", "== a\nuser: alice\nsql: SELECT 1\nexpect: same-as\n"))
                .hasMessageContaining("f:1").hasMessageContaining("needs an argument");
        assertThatThrownBy(() -> BypassCorpus.parse("f", "== a\nuser: admin\nsql: SELECT 1\nexpect: refused\n"))
                .hasMessageContaining("administrator");
        assertThatThrownBy(() -> BypassCorpus.parse("f", "== a\nuser: alice\nsqll: SELECT 1\n"))
                .hasMessageContaining("f:3").hasMessageContaining("unknown field");
    }

    @Test
    void onlyMarkersTheCaseDidNotWriteItselfAreLeaks() {
        assertThat(BypassFixture.leak("[Xxxx, 4111-xxxx]", "SELECT name")).isEmpty();
        assertThat(BypassFixture.leak("[RAW-SECRET-COLUMN-1]", "SELECT secret")).contains("SECRET");
        assertThat(BypassFixture.leak("value 987654 not found", "WHERE pin = 987654")).isEmpty();
    }
}
