package io.lakegate.engine.frontend;

import io.lakegate.engine.frontend.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the clauses of Spark SQL that Calcite cannot parse but that can name no table: {@code LATERAL VIEW}
 * generators, {@code DISTRIBUTE BY}, {@code SORT BY}, {@code CLUSTER BY}, {@code WITH ROLLUP|CUBE} and time travel to
 * a literal version or time ({@code VERSION AS OF 3}), which the front end notes on the reference. The front end
 * hides them from Calcite behind spaces, so offsets stay put, and the text Spark receives keeps them. A clause that
 * holds a query is never hidden: its tables must be found.
 */
final class SparkOnlyClauses {
    /** Words that end a LATERAL VIEW's column list or a DISTRIBUTE/SORT/CLUSTER BY clause. */
    private static final Set<String> CLAUSE_STARTS = Set.of("WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET",
            "LATERAL", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "UNION", "INTERSECT", "EXCEPT", "MINUS",
            "WINDOW", "QUALIFY", "DISTRIBUTE", "SORT", "CLUSTER", "ON", "USING", "NATURAL", "ANTI", "SEMI");
    private static final Set<String> QUERY_WORDS = Set.of("SELECT", "FROM", "TABLE", "VALUES", "WITH");

    private SparkOnlyClauses() {}

    /** Spans {start, end} of the clauses to hide, in text order. */
    static List<int[]> find(List<Token> tokens) {
        List<int[]> spans = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            int end = clauseEnd(tokens, i);
            if (end > i && !holdsQuery(tokens, i, end)) {
                spans.add(new int[] {tokens.get(i).start(), tokens.get(end - 1).end()});
                i = end;
            } else {
                i++;
            }
        }
        return spans;
    }

    /** The index after the Spark-only clause that starts at {@code i}, or {@code i} when none starts there. */
    private static int clauseEnd(List<Token> tokens, int i) {
        if (isWordPair(tokens, i, "LATERAL", "VIEW")) {
            return lateralViewEnd(tokens, i + 2);
        }
        if (isWordPair(tokens, i, "DISTRIBUTE", "BY") || isWordPair(tokens, i, "SORT", "BY")
                || isWordPair(tokens, i, "CLUSTER", "BY")) {
            int depth = tokens.get(i).depth();
            int next = i + 2;
            while (next < tokens.size() && tokens.get(next).depth() >= depth
                    && !(tokens.get(next).depth() == depth && (tokens.get(next).isSymbol(")")
                            || CLAUSE_STARTS.contains(tokens.get(next).upper())))) {
                next++;
            }
            return next;
        }
        if (isWordPair(tokens, i, "WITH", "ROLLUP") || isWordPair(tokens, i, "WITH", "CUBE")) {
            return i + 2;
        }
        if (isGroupByAll(tokens, i)) {
            return i + 3;
        }
        return timeTravelEnd(tokens, i);
    }

    /**
     * {@code [FOR] VERSION|SYSTEM_VERSION|TIMESTAMP|SYSTEM_TIME AS OF literal} right after a table name: the index
     * after it, or {@code i}. Only a literal is hidden; any other expression stays for Calcite, which refuses it.
     */
    static int timeTravelEnd(List<Token> tokens, int i) {
        int next = i;
        if (next < tokens.size() && tokens.get(next).isWord("FOR")) {
            next++;
        }
        if (i == 0 || !tokens.get(i - 1).isName() || next + 3 >= tokens.size()) {
            return i;
        }
        Token kind = tokens.get(next);
        boolean clause = (kind.isWord("VERSION") || kind.isWord("SYSTEM_VERSION") || kind.isWord("TIMESTAMP")
                || kind.isWord("SYSTEM_TIME")) && tokens.get(next + 1).isWord("AS")
                && tokens.get(next + 2).isWord("OF");
        Token value = tokens.get(next + 3);
        if (clause && (value.kind() == SqlTokens.Kind.NUMBER || value.kind() == SqlTokens.Kind.STRING)) {
            return next + 4;
        }
        return i;
    }

    /** LATERAL VIEW [OUTER] generator(args) table_alias [[AS] column [, column ...]]. */
    private static int lateralViewEnd(List<Token> tokens, int next) {
        if (next < tokens.size() && tokens.get(next).isWord("OUTER")) {
            next++;
        }
        while (next < tokens.size() && !tokens.get(next).isSymbol("(")) {
            next++;
        }
        int depth = next < tokens.size() ? tokens.get(next).depth() : 0;
        next++;
        while (next < tokens.size() && !(tokens.get(next).isSymbol(")") && tokens.get(next).depth() == depth)) {
            next++;
        }
        next++;
        if (isName(tokens, next)) {
            next++;
        }
        if (next < tokens.size() && tokens.get(next).isWord("AS")) {
            next++;
        }
        while (isName(tokens, next)) {
            next++;
            if (next + 1 < tokens.size() && tokens.get(next).isSymbol(",") && isName(tokens, next + 1)) {
                next++;
            } else {
                break;
            }
        }
        return Math.min(next, tokens.size());
    }

    private static boolean isName(List<Token> tokens, int index) {
        if (index >= tokens.size()) {
            return false;
        }
        Token token = tokens.get(index);
        return token.kind() == SqlTokens.Kind.QUOTED_NAME
                || (token.kind() == SqlTokens.Kind.WORD && !CLAUSE_STARTS.contains(token.upper()));
    }

    private static boolean holdsQuery(List<Token> tokens, int from, int to) {
        for (int i = from; i < to; i++) {
            if (tokens.get(i).kind() == SqlTokens.Kind.WORD && QUERY_WORDS.contains(tokens.get(i).upper())
                    && !(tokens.get(i).isWord("WITH") && i == from)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code GROUP BY ALL} as the whole grouping: Spark groups by the select list's expressions that hold no
     * aggregate, so the clause uses no column the select list does not; when a relation has a column named
     * {@code all}, Spark groups by it instead, and the hidden clause's names count as used columns.
     */
    private static boolean isGroupByAll(List<Token> tokens, int i) {
        if (!isWordPair(tokens, i, "GROUP", "BY") || i + 2 >= tokens.size() || !tokens.get(i + 2).isWord("ALL")) {
            return false;
        }
        if (i + 3 == tokens.size()) {
            return true;
        }
        Token next = tokens.get(i + 3);
        return next.isSymbol(")") || next.isSymbol(";") || next.kind() == SqlTokens.Kind.WORD
                && CLAUSE_STARTS.contains(next.upper()) && !next.isWord("ON") && !next.isWord("USING");
    }

    private static boolean isWordPair(List<Token> tokens, int i, String first, String second) {
        return i + 1 < tokens.size() && tokens.get(i).isWord(first) && tokens.get(i + 1).isWord(second);
    }
}
