package io.lakegate.engine.frontend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A light lexer for Spark SQL: enough to classify a statement and find the parts of its header (the target of an
 * INSERT, the query of a CTAS) that Calcite does not parse, with exact offsets. Comments, string literals and
 * back-quoted names are single tokens, so keywords inside them are never mistaken for structure.
 */
final class SqlTokens {
    /** Token kinds that matter to the front end. */
    enum Kind {
        WORD,
        QUOTED_NAME,
        STRING,
        NUMBER,
        SYMBOL
    }

    /**
     * One token; {@code depth} is the number of parentheses open before it, so top-level structure is depth 0.
     */
    record Token(Kind kind, String text, int start, int end, int depth) {
        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        /** The name this token stands for: a back-quoted name without its quotes, a word as written. */
        String name() {
            return kind == Kind.QUOTED_NAME ? text.substring(1, text.length() - 1).replace("``", "`") : text;
        }

        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    private SqlTokens() {}

    static List<Token> of(String sql) {
        List<Token> tokens = new ArrayList<>();
        int depth = 0;
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                i = endOfLine(sql, i);
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                i = endOfBlockComment(sql, i);
            } else if (c == '\'' || c == '"') {
                int end = endOfString(sql, i, c);
                tokens.add(new Token(Kind.STRING, sql.substring(i, end), i, end, depth));
                i = end;
            } else if (c == '`') {
                int end = endOfQuotedName(sql, i);
                tokens.add(new Token(Kind.QUOTED_NAME, sql.substring(i, end), i, end, depth));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < length && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                tokens.add(new Token(Kind.WORD, sql.substring(i, end), i, end, depth));
                i = end;
            } else if (Character.isDigit(c)) {
                int end = i + 1;
                while (end < length && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
                    end++;
                }
                tokens.add(new Token(Kind.NUMBER, sql.substring(i, end), i, end, depth));
                i = end;
            } else {
                if (c == ')') {
                    depth = Math.max(0, depth - 1);
                }
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), i, i + 1, depth));
                if (c == '(') {
                    depth++;
                }
                i++;
            }
        }
        return tokens;
    }

    private static int endOfLine(String sql, int from) {
        int end = sql.indexOf('\n', from);
        return end < 0 ? sql.length() : end + 1;
    }

    private static int endOfBlockComment(String sql, int from) {
        int end = sql.indexOf("*/", from + 2);
        return end < 0 ? sql.length() : end + 2;
    }

    /** Spark strings end at the next unescaped quote of the same kind; a backslash escapes one character. */
    private static int endOfString(String sql, int from, char quote) {
        int i = from + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** A back-quoted name ends at a single back quote; a doubled one stands for a back quote in the name. */
    private static int endOfQuotedName(String sql, int from) {
        int i = from + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == '`') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '`') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }
}
