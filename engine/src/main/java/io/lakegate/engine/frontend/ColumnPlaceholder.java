package io.lakegate.engine.frontend;

import io.lakegate.engine.frontend.SqlTokens.Token;
import java.util.List;

/**
 * Ranger's {@code {col}} placeholder in a custom mask expression, replaced where Spark's lexer sees it as the three
 * tokens {@code { col }}: never inside a string literal, a quoted name or a comment.
 */
public final class ColumnPlaceholder {
    private ColumnPlaceholder() {}

    /** The expression with every {@code {col}} replaced by {@code column} (Spark SQL text, quoted as needed). */
    public static String substitute(String expression, String column) {
        List<Token> tokens = SqlTokens.of(expression);
        StringBuilder text = new StringBuilder(expression.length() + 16);
        int copied = 0;
        for (int i = 0; i + 2 < tokens.size(); i++) {
            Token open = tokens.get(i);
            Token name = tokens.get(i + 1);
            Token close = tokens.get(i + 2);
            if (isCharacter(open, "{") && name.isWord("col") && isCharacter(close, "}") && name.start() == open.end()
                    && close.start() == name.end()) {
                text.append(expression, copied, open.start()).append(column);
                copied = close.end();
                i += 2;
            }
        }
        return text.append(expression, copied, expression.length()).toString();
    }

    /** Spark's lexer knows no braces: they come as unrecognised characters, outside strings and comments. */
    private static boolean isCharacter(Token token, String character) {
        return token.kind() == SqlTokens.Kind.UNRECOGNIZED && token.text().equals(character);
    }
}
