package io.lakegate.engine.frontend.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusTest {
    @Test
    void tpchHasItsTwentyTwoQueriesWithQ15sViewAsSetup() {
        List<CorpusQuery> tpch = Corpus.tpch();
        assertThat(tpch).hasSize(22).allSatisfy(query -> assertThat(query.database()).isEqualTo("tpch"));
        assertThat(tpch.get(14).setup()).singleElement().asString().contains("CREATE OR REPLACE VIEW revenue");
        assertThat(tpch.get(14).sql()).startsWith("SELECT").doesNotContain(";");
        assertThat(tpch.get(5).sql()).doesNotContainIgnoringCase("decimal '");
    }

    @Test
    void tpcdsSplitsItsTwoQueryTemplatesAndLeavesNoTemplateSyntax() {
        List<CorpusQuery> tpcds = Corpus.tpcds();
        assertThat(tpcds).hasSize(103).extracting(CorpusQuery::name)
                .contains("tpcds/q1", "tpcds/q14a", "tpcds/q14b", "tpcds/q39b", "tpcds/q99")
                .doesNotContain("tpcds/q14");
        assertThat(tpcds).allSatisfy(query -> assertThat(query.sql())
                .doesNotContainIgnoringCase("define ")
                .doesNotContain("\"", "date([YEAR]")
                .doesNotContainPattern("[+-]\\s*[0-9]+\\s+days"));
    }
}
