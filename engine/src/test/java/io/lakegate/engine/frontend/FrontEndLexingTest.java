package io.lakegate.engine.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The places where a reading other than Spark 4.1's hides a table or mis-spans a name, through the whole front end:
 * each asserts the references found, as written at their exact spans, or that the statement is refused.
 */
class FrontEndLexingTest {
    private static final SessionContext SESSION = new SessionContext("lakehouse", "sales", Set.of());
    private final FrontEnd frontEnd = new FrontEnd();

    @Test
    void nestedCommentsHideWhatSparkHides() {
        assertThat(written("SELECT * FROM a /* x /* y */ , hidden */ JOIN b ON true")).containsExactly("a", "b");
        assertThat(written("SELECT * FROM a /* x /* y */ */ , b")).containsExactly("a", "b");
    }

    @Test
    void anUnclosedCommentIsRefused() {
        assertThat(analyze("SELECT * FROM a /* x /* y */ , b").isUnderstood()).isFalse();
    }

    @Test
    void aCommentThatEndsAtALoneCarriageReturnHidesNothingAfterIt() {
        assertThat(written("SELECT * FROM a -- c\rJOIN secret ON true")).containsExactly("a", "secret");
        assertThat(written("SELECT * FROM a -- c\\\nJOIN hidden ON true\n, b")).containsExactly("a", "b");
    }

    @Test
    void positionsAreExactAfterEveryKindOfLineBreak() {
        String sql = "SELECT *\rFROM\r\na\r\rJOIN\n\rb ON true\u2028JOIN c ON true";
        Analysis analysis = analyze(sql);
        assertThat(written(analysis)).containsExactly("a", "b", "c");
        assertThat(analysis.references()).extracting(TableReference::start)
                .containsExactly(sql.indexOf('a'), sql.indexOf('b'), sql.indexOf(" c ") + 1);
    }

    @Test
    void aBackslashInABackQuotedNameIsACharacterOfTheName() {
        Analysis analysis = analyze("SELECT * FROM `x\\`.t, `a``b` WHERE `c\\` = 1");
        assertThat(written(analysis)).containsExactly("`x\\`.t", "`a``b`");
        assertThat(analysis.tablesRead()).containsExactly(new TableName("lakehouse", "x\\", "t"),
                new TableName("lakehouse", "sales", "a`b"));
    }

    @Test
    void stringsEndWhereSparksEnd() {
        assertThat(written("SELECT * FROM t WHERE a = 'x\\' OR a IN (SELECT 1 FROM hidden) --'"))
                .containsExactly("t");
        assertThat(written("SELECT r'x\\' AS a FROM t, secret")).containsExactly("t", "secret");
        assertThat(written("SELECT 'it''s', \"a\"\"b\" FROM t")).containsExactly("t");
        assertThat(written("SELECT * FROM t WHERE d = DATE '2026-01-01'")).containsExactly("t");
    }

    @Test
    void doubleSlashIsNoComment() {
        assertThat(analyze("SELECT 4 // 2, (SELECT max(x) FROM secret)\nFROM t").isUnderstood()).isFalse();
    }

    @Test
    void hyphensAfterFromAreNoPartOfAName() {
        assertThat(analyze("SELECT * FROM a-b").isUnderstood()).isFalse();
        Analysis comment = analyze("SELECT * FROM t--x\n");
        assertThat(written(comment)).containsExactly("t");
        assertThat(comment.tablesRead()).containsExactly(new TableName("lakehouse", "sales", "t"));
    }

    @Test
    void hintsAreReadAndMayHoldNoQuery() {
        Analysis analysis = analyze("SELECT /*+ BROADCAST(s), REPARTITION(3) */ * FROM t JOIN s ON t.k = s.k");
        assertThat(written(analysis)).containsExactly("t", "s");
        assertThat(analysis.constructs()).extracting(Construct::kind).containsExactly(Construct.Kind.HINT);
        assertThat(analyze("SELECT /*+ x((SELECT max(a) FROM secret)) */ 1").isUnderstood()).isFalse();
    }

    @Test
    void sparkWhitespaceSeparatesAndUnknownCharactersAreRefused() {
        assertThat(written("SELECT *\u00a0FROM\u3000t\u2000JOIN\u202fu ON true")).containsExactly("t", "u");
        assertThat(analyze("SELECT * FROM t\u2029").isUnderstood()).isFalse();
        assertThat(analyze("SELECT * FROM ${table}").isUnderstood()).isFalse();
    }

    @Test
    void namesThatStartWithDigits() {
        Analysis analysis = analyze("SELECT 1L, 1e3, .5, 2BD FROM db.1t JOIN 2x ON true");
        assertThat(written(analysis)).containsExactly("db.1t", "2x");
        assertThat(analysis.tablesRead()).containsExactly(new TableName("lakehouse", "db", "1t"),
                new TableName("lakehouse", "sales", "2x"));
    }

    @Test
    void moreThanOneStatementIsRefused() {
        Analysis analysis = analyze("SELECT 1; SELECT * FROM secret");
        assertThat(analysis.isUnderstood()).isFalse();
        assertThat(analysis.constructs()).extracting(Construct::kind)
                .containsExactly(Construct.Kind.MULTIPLE_STATEMENTS);
        assertThat(written("SELECT * FROM t;;")).containsExactly("t");
    }

    private Analysis analyze(String sql) {
        return frontEnd.analyze(sql, SESSION);
    }

    private List<String> written(String sql) {
        return written(analyze(sql));
    }

    private static List<String> written(Analysis analysis) {
        assertThat(analysis.isUnderstood()).as("understood: %s", analysis.parseFailure()).isTrue();
        return analysis.references().stream()
                .map(reference -> analysis.sql().substring(reference.start(), reference.end()))
                .toList();
    }
}
