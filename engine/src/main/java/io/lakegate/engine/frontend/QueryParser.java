package io.lakegate.engine.frontend;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.config.CharLiteralStyle;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * The Calcite parse step of one statement: parses a run of its tokens, read from the neutral text (Spark-only clauses
 * hidden, offsets kept), and finds the table references in the tree, each with its span in the user's text.
 */
final class QueryParser {
    /**
     * Spark SQL's lexical rules: back-quoted names, case kept as written, strings in either quote with backslash
     * escapes. Calcite accepts those strings only with BigQuery's quoting, whose back-quoted names escape with a
     * backslash where Spark doubles the back quote; {@link NeutralText} bridges that.
     */
    private static final SqlParser.Config PARSER = SqlParser.config()
            .withParserFactory(SqlBabelParserImpl.FACTORY)
            .withQuoting(Quoting.BACK_TICK_BACKSLASH)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false)
            .withConformance(SqlConformanceEnum.BABEL)
            .withCharLiteralStyles(EnumSet.of(CharLiteralStyle.BQ_SINGLE, CharLiteralStyle.BQ_DOUBLE));

    /** A parsed run of tokens: the tree, where its text lies, and the references found in it, in text order. */
    record Parsed(SqlNode node, TextPositions positions, List<ReferenceCollector.Found> found, int start, int end) {}

    private final String sql;
    private final String neutral;
    private final StatementTokens tokens;
    private final boolean caseSensitive;

    QueryParser(String sql, String neutral, StatementTokens tokens, boolean caseSensitive) {
        this.sql = sql;
        this.neutral = neutral;
        this.tokens = tokens;
        this.caseSensitive = caseSensitive;
    }

    /** Parses tokens [from, to) with Calcite and finds the table references in them. */
    Parsed parse(int from, int to) {
        return parse(from, to, from, from);
    }

    /**
     * Parses tokens [from, to) with tokens [hideFrom, hideTo) blanked out: a header in the middle of the query's text
     * ({@code INSERT INTO t} between a WITH clause and its query), which the caller reads from the tokens.
     */
    Parsed parse(int from, int to, int hideFrom, int hideTo) {
        if (from >= to) {
            throw new Unreadable("the statement has no query where one was expected");
        }
        int start = tokens.get(from).start();
        int end = tokens.get(to - 1).end();
        char[] chars = neutral.substring(start, end).toCharArray();
        if (hideFrom < hideTo) {
            for (int i = tokens.get(hideFrom).start(); i < tokens.get(hideTo - 1).end(); i++) {
                if (chars[i - start] != '\n') {
                    chars[i - start] = ' ';
                }
            }
        }
        String text = new String(chars);
        SqlNode node;
        try {
            node = SqlParser.create(text, PARSER).parseStmt();
        } catch (SqlParseException e) {
            throw new Unreadable(firstLine(e.getMessage()));
        }
        TextPositions positions = new TextPositions(text, start);
        try {
            return new Parsed(node, positions, ReferenceCollector.collect(node, positions, this::nameParts,
                    caseSensitive), start, end);
        } catch (ReferenceCollector.Unsupported e) {
            throw new Unreadable(e.getMessage());
        }
    }

    /**
     * The parts of the dotted name that spans exactly [start, end) of Spark's tokens, read from the tokens: a
     * name Calcite reads as one (a hyphen inside it, say) is refused rather than given a wrong span.
     */
    private List<String> nameParts(int start, int end, int expectedParts) {
        int index = tokens.firstAt(start);
        List<String> parts = new ArrayList<>();
        while (index < tokens.size() && tokens.get(index).isName()) {
            parts.add(tokens.get(index).name());
            if (tokens.get(index).end() == end) {
                if (parts.size() != expectedParts) {
                    break;
                }
                return parts;
            }
            if (index + 1 >= tokens.size() || !tokens.get(index + 1).isSymbol(".")
                    || tokens.get(index + 1).end() >= end) {
                break;
            }
            index += 2;
        }
        throw new Unreadable("the name at offset " + start + " does not fall on Spark's tokens: "
                + sql.substring(start, Math.min(Math.max(start, end), sql.length())));
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
