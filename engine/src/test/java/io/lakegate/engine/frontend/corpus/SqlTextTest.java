package io.lakegate.engine.frontend.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlTextTest {
    @Test
    void findsTheStatementsOwnOrderBy() {
        assertThat(SqlText.hasTopLevelOrderBy("SELECT a FROM t ORDER BY a")).isTrue();
        assertThat(SqlText.hasTopLevelOrderBy("WITH c AS (SELECT a FROM t ORDER BY a) SELECT * FROM c\norder\n  by 1"))
                .isTrue();
    }

    @Test
    void ignoresOrderByInsideParenthesesLiteralsAndComments() {
        assertThat(SqlText.hasTopLevelOrderBy("SELECT rank() OVER (ORDER BY a) FROM (SELECT a FROM t ORDER BY a)"))
                .isFalse();
        assertThat(SqlText.hasTopLevelOrderBy("SELECT 'order by' AS `order by` FROM t -- order by a\n")).isFalse();
        assertThat(SqlText.hasTopLevelOrderBy("SELECT reorder, order_by FROM t")).isFalse();
    }

    @Test
    void quotesNamesForSpark() {
        assertThat(SqlText.quote("a`b")).isEqualTo("`a``b`");
    }
}
