package io.lakegate.engine.frontend;

import io.lakegate.engine.frontend.SqlTokens.Token;
import java.util.List;

/**
 * What Spark's lexer and parser refuse, or read otherwise than Calcite, seen in the tokens before any parsing: a
 * statement Spark would not run must not be read as one Calcite finds other tables in.
 */
final class LexicalRefusals {
    private LexicalRefusals() {}

    /** A trailing semicolon ends the statement; Spark accepts it, Calcite does not. */
    static List<Token> withoutTrailingSemicolons(List<Token> tokens) {
        int end = tokens.size();
        while (end > 0 && tokens.get(end - 1).isSymbol(";")) {
            end--;
        }
        return tokens.subList(0, end);
    }

    /**
     * Refuses characters Spark's lexer accepts nowhere and unclosed comments, anywhere in {@code allTokens}, and in
     * the significant {@code tokens}: a second statement, {@code //}, a hint's end outside a hint, a query in a hint.
     */
    static void check(String sql, List<Token> allTokens, List<Token> tokens) {
        for (Token token : allTokens) {
            if (token.kind() == SqlTokens.Kind.UNRECOGNIZED) {
                throw new Unreadable("Spark's lexer accepts no '" + token.text() + "' at offset " + token.start());
            }
            if (token.kind() == SqlTokens.Kind.UNCLOSED_COMMENT) {
                throw new Unreadable("unclosed bracketed comment at offset " + token.start());
            }
        }
        boolean inHint = false;
        Token previous = null;
        for (Token token : tokens) {
            if (token.isSymbol(";")) {
                throw new Unreadable("more than one statement: a ';' at offset " + token.start());
            }
            // Spark's parser refuses these; Calcite would read '//' as a comment and '*/' alone as text.
            if (token.isSymbol("/") && previous != null && previous.isSymbol("/")
                    && previous.end() == token.start() || token.kind() == SqlTokens.Kind.HINT_END && !inHint) {
                throw new Unreadable("Spark reads no '" + sql.substring(token.start() - 1, token.end())
                        + "' at offset " + token.start());
            }
            previous = token;
            inHint = token.kind() == SqlTokens.Kind.HINT_START || inHint && token.kind() != SqlTokens.Kind.HINT_END;
            // Spark's parser reads a hint's parameters as expressions: a query there must not pass unseen.
            if (inHint && token.kind() == SqlTokens.Kind.WORD && StatementTokens.QUERY_STARTS.contains(token.upper())) {
                throw new Unreadable("a hint holds a query at offset " + token.start());
            }
        }
    }
}
