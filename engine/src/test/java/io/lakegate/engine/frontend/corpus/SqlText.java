package io.lakegate.engine.frontend.corpus;

import java.util.Locale;

/** What the corpus test needs to know of SQL text without parsing it. */
final class SqlText {
    private SqlText() {}

    /** A back-quoted identifier. */
    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /**
     * Whether the statement ends in an ORDER BY of its own, outside every parenthesis (a window's or a subquery's
     * ORDER BY is inside one), string literal and comment.
     */
    static boolean hasTopLevelOrderBy(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        int depth = 0;
        int i = 0;
        while (i < lower.length()) {
            char c = lower.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = lower.indexOf(c, i + 1) + 1;
                if (i == 0) {
                    return false;
                }
                continue;
            }
            if (lower.startsWith("--", i)) {
                int end = lower.indexOf('\n', i);
                i = end < 0 ? lower.length() : end;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && lower.startsWith("order", i) && isWordAt(lower, i, "order")
                    && lower.substring(i + "order".length()).stripLeading().startsWith("by")) {
                return true;
            }
            i++;
        }
        return false;
    }

    private static boolean isWordAt(String text, int start, String word) {
        int end = start + word.length();
        return (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))
                && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
    }
}
