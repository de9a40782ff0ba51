package io.lakegate.engine.policy;

import io.lakegate.engine.frontend.SparkIdentifiers;
import io.lakegate.engine.frontend.TableReference;
import java.util.Comparator;
import java.util.List;

/** Replacements of table references in a statement's text; every other byte stays as the user wrote it. */
final class TextEdits {
    /** Replace [start, end) by text. */
    record Edit(int start, int end, String text) {}

    private TextEdits() {}

    static String apply(String sql, List<Edit> edits) {
        StringBuilder text = new StringBuilder(sql.length() + 256);
        int copied = 0;
        for (Edit edit : edits.stream().sorted(Comparator.comparingInt(Edit::start)).toList()) {
            if (edit.start() < copied) {
                throw new IllegalStateException("overlapping edits at offset " + edit.start());
            }
            text.append(sql, copied, edit.start()).append(edit.text());
            copied = edit.end();
        }
        return text.append(sql, copied, sql.length()).toString();
    }

    /** The reference written in full, so that it means the same in any session's current database. */
    static Edit qualify(TableReference reference) {
        return new Edit(reference.start(), reference.end(), reference.table().quoted());
    }

    /**
     * The reference read from {@code source} (a parenthesised query) instead, under the name the statement knows it
     * by. {@code TABLE t} allows no query, so it becomes {@code SELECT * FROM source AS t}.
     */
    static Edit replace(String sql, TableReference reference, String source) {
        String name = SparkIdentifiers.quote(reference.visibleName());
        int tableKeyword = tableKeywordBefore(sql, reference.start());
        if (tableKeyword >= 0) {
            return new Edit(tableKeyword, reference.end(), "SELECT * FROM " + source + " AS " + name);
        }
        String text = reference.alias().isPresent() ? source : source + " AS " + name;
        return new Edit(reference.start(), reference.end(), text);
    }

    /**
     * Where the word {@code TABLE} starts when only white space separates it from the reference, else -1. Anything
     * else between them (a comment) leaves the reference as it is, and Spark then refuses the text as invalid: a
     * refusal, never a raw read.
     */
    private static int tableKeywordBefore(String sql, int start) {
        int end = start;
        while (end > 0 && Character.isWhitespace(sql.charAt(end - 1))) {
            end--;
        }
        int begin = end - "TABLE".length();
        if (begin < 0 || end == start || !sql.regionMatches(true, begin, "TABLE", 0, "TABLE".length())) {
            return -1;
        }
        if (begin > 0 && (Character.isLetterOrDigit(sql.charAt(begin - 1)) || sql.charAt(begin - 1) == '_'
                || sql.charAt(begin - 1) == '`')) {
            return -1;
        }
        return begin;
    }
}
