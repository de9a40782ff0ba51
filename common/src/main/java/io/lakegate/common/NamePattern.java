package io.lakegate.common;

import java.util.Arrays;

/**
 * A pattern of names as listings take them: any run of characters, exactly one character, the rest literal, case
 * ignored as {@code Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE} ignores it. It is matched without regular
 * expressions: a regex of several {@code .*} backtracks exponentially on a long name that almost matches, while this
 * match only ever resumes after the last run wildcard it passed, so it takes at most name length times pattern length
 * steps.
 */
public final class NamePattern {
    private static final int ANY_RUN = -1;
    private static final int ANY_ONE = -2;

    /** Code points folded for comparison, or {@link #ANY_RUN} or {@link #ANY_ONE}. */
    private final int[] elements;

    private NamePattern(int[] elements) {
        this.elements = elements;
    }

    /**
     * A JDBC search pattern: {@code %} any run, {@code _} one character, a backslash takes the next character as it
     * is; Hive also takes {@code *} for any run. A trailing backslash is itself.
     */
    public static NamePattern jdbc(String pattern) {
        int[] codePoints = pattern.codePoints().toArray();
        int[] elements = new int[codePoints.length];
        int size = 0;
        for (int i = 0; i < codePoints.length; i++) {
            int c = codePoints[i];
            if (c == '\\' && i + 1 < codePoints.length) {
                elements[size++] = fold(codePoints[++i]);
            } else if (c == '%' || c == '*') {
                elements[size++] = ANY_RUN;
            } else if (c == '_') {
                elements[size++] = ANY_ONE;
            } else {
                elements[size++] = fold(c);
            }
        }
        return new NamePattern(Arrays.copyOf(elements, size));
    }

    /** A pattern where {@code *} is any run and every other character is itself, as in Spark's listing patterns. */
    public static NamePattern star(String pattern) {
        return new NamePattern(pattern.codePoints().map(c -> c == '*' ? ANY_RUN : fold(c)).toArray());
    }

    /** Whether the whole name matches. */
    public boolean matches(String name) {
        int[] text = name.codePoints().toArray();
        int p = 0;
        int t = 0;
        int lastRun = -1;
        int resumeAt = 0;
        while (t < text.length) {
            if (p < elements.length && (elements[p] == ANY_ONE || elements[p] == fold(text[t]))) {
                p++;
                t++;
            } else if (p < elements.length && elements[p] == ANY_RUN) {
                lastRun = p++;
                resumeAt = t;
            } else if (lastRun >= 0) {
                // The last run wildcard takes one more character; earlier ones never need to, so no deeper retry.
                p = lastRun + 1;
                t = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < elements.length && elements[p] == ANY_RUN) {
            p++;
        }
        return p == elements.length;
    }

    /** The case-insensitive identity of a character, as {@code java.util.regex} compares with UNICODE_CASE. */
    private static int fold(int codePoint) {
        return Character.toLowerCase(Character.toUpperCase(codePoint));
    }
}
