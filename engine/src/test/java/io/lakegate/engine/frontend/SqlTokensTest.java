package io.lakegate.engine.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each case is a place where a lexer other than Spark 4.1's reads SQL differently, with its neighbours; the expected
 * tokens are those Spark's own {@code SqlBaseLexer} produces for the text (whitespace left out), checked against it.
 */
class SqlTokensTest {
    @Test
    void bracketedCommentsNest() {
        assertThat(tokens("/* a /* b */ FROM secret */ x")).containsExactly(
                "COMMENT /* a /* b */ FROM secret */", "WORD x");
        assertThat(tokens("/**/x/*/ y */z")).containsExactly("COMMENT /**/", "WORD x", "COMMENT /*/ y */", "WORD z");
    }

    @Test
    void aHintInsideACommentDoesNotNestSoTheCommentEndsAtTheFirstClose() {
        assertThat(tokens("/* a /*+ b */ c */x")).containsExactly(
                "COMMENT /* a /*+ b */", "WORD c", "HINT_END */", "WORD x");
    }

    @Test
    void anUnterminatedBracketedCommentRunsToTheEnd() {
        assertThat(tokens("SELECT 1 /* a /* b */ FROM t")).containsExactly(
                "WORD SELECT", "NUMBER 1", "UNCLOSED_COMMENT /* a /* b */ FROM t");
    }

    @Test
    void hintsAreTokensTheParserReads() {
        assertThat(tokens("SELECT /*+ BROADCAST(t) */ *")).containsExactly("WORD SELECT", "HINT_START /*+",
                "WORD BROADCAST", "SYMBOL (", "WORD t", "SYMBOL )", "HINT_END */", "SYMBOL *");
        assertThat(tokens("/*+/**/*/")).containsExactly("HINT_START /*+", "COMMENT /**/", "HINT_END */");
    }

    @Test
    void aBackslashDoesNotEscapeABackQuote() {
        assertThat(tokens("`x\\` y")).containsExactly("QUOTED_NAME `x\\`", "WORD y");
        assertThat(tokens("`a``b` `c``")).containsExactly("QUOTED_NAME `a``b`", "QUOTED_NAME `c`",
                "UNRECOGNIZED `");
        assertThat(SqlTokens.of("`a``b`").get(0).name()).isEqualTo("a`b");
        assertThat(tokens("`open")).containsExactly("UNRECOGNIZED `", "WORD open");
    }

    @Test
    void doubleSlashIsNoComment() {
        assertThat(tokens("x//y")).containsExactly("WORD x", "SYMBOL /", "SYMBOL /", "WORD y");
    }

    @Test
    void rawStringsTakeNoEscapes() {
        assertThat(tokens("r'a\\' x")).containsExactly("STRING r'a\\'", "WORD x");
        assertThat(tokens("R\"a\\\" FROM t")).containsExactly("STRING R\"a\\\"", "WORD FROM", "WORD t");
        assertThat(tokens("'a\\' FROM t'")).containsExactly("STRING 'a\\' FROM t'");
        assertThat(tokens("r 'a'")).containsExactly("WORD r", "STRING 'a'");
        assertThat(tokens("r'a''b'")).containsExactly("STRING r'a'", "STRING 'b'");
    }

    @Test
    void quotedStringsTakeDoubledQuotesAndBackslashes() {
        assertThat(tokens("'a''b' \"c\"\"d\" 'e'''")).containsExactly("STRING 'a''b'", "STRING \"c\"\"d\"",
                "STRING 'e'''");
        assertThat(tokens("'a'' x")).containsExactly("STRING 'a'", "UNRECOGNIZED '", "WORD x");
        assertThat(tokens("'a' 'b'")).containsExactly("STRING 'a'", "STRING 'b'");
    }

    @Test
    void simpleCommentsEndAtALoneCarriageReturnAndContinueAfterABackslash() {
        assertThat(tokens("-- a\rFROM t")).containsExactly("COMMENT -- a\r", "WORD FROM", "WORD t");
        assertThat(tokens("-- a\\\nFROM t\nx")).containsExactly("COMMENT -- a\\\nFROM t\n", "WORD x");
        assertThat(tokens("-- a\r\nx")).containsExactly("COMMENT -- a\r\n", "WORD x");
        assertThat(tokens("-- a\\\r\nx")).containsExactly("COMMENT -- a\\\r\n", "WORD x");
        assertThat(tokens("1--1")).containsExactly("NUMBER 1", "COMMENT --1");
        assertThat(tokens("t--x\n.y")).containsExactly("WORD t", "COMMENT --x\n", "SYMBOL .", "WORD y");
    }

    @Test
    void whitespaceIsWhatSparkCountsAsWhitespace() {
        assertThat(tokens("a\u00a0b\u3000c\u2028d\u000be")).containsExactly("WORD a", "WORD b", "WORD c", "WORD d",
                "WORD e");
        assertThat(tokens("a\u2029b\u0085c")).containsExactly("WORD a", "UNRECOGNIZED \u2029", "WORD b",
                "UNRECOGNIZED \u0085", "WORD c");
    }

    @Test
    void numbersAndIdentifiersThatStartWithDigits() {
        assertThat(tokens("1e10 .5 1L 1BD 1.5D 12.0F 1Y 2S 1.e2 1E-3")).allMatch(token -> token.startsWith("NUMBER"));
        assertThat(tokens("1a 1e 1SS 0x1F 1_000")).allMatch(token -> token.startsWith("WORD"));
        assertThat(tokens("1.5a")).containsExactly("NUMBER 1", "SYMBOL .", "WORD 5a");
        assertThat(tokens("t.5")).containsExactly("WORD t", "NUMBER .5");
        assertThat(tokens("db.1t")).containsExactly("WORD db", "SYMBOL .", "WORD 1t");
        assertThat(tokens("2.3_")).containsExactly("NUMBER 2", "SYMBOL .", "WORD 3_");
    }

    @Test
    void charactersSparkDoesNotKnow() {
        assertThat(tokens("${x} @y #z \\")).containsExactly("UNRECOGNIZED $", "UNRECOGNIZED {", "WORD x",
                "UNRECOGNIZED }", "UNRECOGNIZED @", "WORD y", "UNRECOGNIZED #", "WORD z", "UNRECOGNIZED \\");
    }

    @Test
    void operatorsAndUnicodeNames() {
        assertThat(tokens("a|>b<=>c::d->e=>f||g>>h")).containsExactly("WORD a", "SYMBOL |>", "WORD b",
                "SYMBOL <=>", "WORD c", "SYMBOL ::", "WORD d", "SYMBOL ->", "WORD e", "SYMBOL =>", "WORD f",
                "SYMBOL ||", "WORD g", "SYMBOL >>", "WORD h");
        assertThat(tokens("ARRAY<ARRAY<INT>>")).containsExactly("WORD ARRAY", "SYMBOL <", "WORD ARRAY",
                "SYMBOL <", "WORD INT", "SYMBOL >", "SYMBOL >");
        assertThat(tokens("caf\u00e9 \ud835\udc00x")).containsExactly("WORD caf\u00e9", "WORD \ud835\udc00x");
        assertThat(tokens("abc://bucket/p-1.x")).containsExactly("WORD abc://bucket/p-1.x");
    }

    @Test
    void depthCountsParentheses() {
        assertThat(SqlTokens.of("(a (b) c)")).extracting(SqlTokens.Token::depth).containsExactly(0, 1, 1, 2, 1, 1,
                0);
    }

    private static List<String> tokens(String sql) {
        return SqlTokens.of(sql).stream().map(token -> token.kind() + " " + token.text()).toList();
    }
}
