package io.lakegate.engine;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the setting a {@code SET} or {@code RESET} statement names, exactly as Spark 4.1 reads it: Spark's parser takes
 * the raw text after the keyword and matches it with regular expressions (its {@code SparkSqlAstBuilder}), so comments
 * and odd spacing there make a different statement or an error. Anything this class cannot read the way Spark does is
 * {@link Kind#UNREADABLE}, which a restricted session refuses.
 */
final class SessionSettings {
    /** Spark's {@code configKeyValueDef}: a key of these characters, '=', and the rest up to trailing semicolons. */
    private static final Pattern KEY_VALUE = Pattern.compile("([a-zA-Z_0-9\\\\.:]+)\\s*=([^;]*);*");
    /** Spark's {@code configKeyDef}. */
    private static final Pattern KEY = Pattern.compile("[a-zA-Z_0-9\\\\.:]+");
    /** Spark's {@code configValueDef}, for the value after {@code SET `key` =}. */
    private static final Pattern VALUE = Pattern.compile("([^;]*);*");
    /** The Spark setting {@code SET TIME ZONE} changes. */
    static final String TIME_ZONE_KEY = "spark.sql.session.timeZone";

    /** What a statement does to the session's settings. */
    enum Kind {
        /** Not a SET or RESET statement. */
        NONE,
        /** {@code SET key = value}. */
        ASSIGN,
        /** {@code SET key}: shows one setting. */
        SHOW,
        /** {@code SET}: lists every setting the session has. */
        LIST,
        /** {@code SET -v}: lists every setting Spark defines, with its value. */
        LIST_VERBOSE,
        /** {@code SET TIME ZONE ...}, which assigns {@link #TIME_ZONE_KEY}. */
        TIME_ZONE,
        /** {@code SET VAR name = ...} or {@code DECLARE}: session variables, whose values can be queries. */
        VARIABLE,
        /** {@code RESET key}. */
        RESET_ONE,
        /** {@code RESET}: every setting back to the cluster's. */
        RESET_ALL,
        /** {@code EXECUTE IMMEDIATE} or a SQL script: runs statements, SET among them, that the text does not show. */
        RUNS_OTHER_STATEMENTS,
        /** A SET or RESET that Spark rejects or that this class cannot read as Spark would. */
        UNREADABLE
    }

    /** A statement's effect on settings; {@code key} is present for ASSIGN, SHOW, TIME_ZONE and RESET_ONE. */
    record Reading(Kind kind, Optional<String> key, Optional<String> value) {
        static Reading of(Kind kind) {
            return new Reading(kind, Optional.empty(), Optional.empty());
        }

        static Reading of(Kind kind, String key) {
            return new Reading(kind, Optional.of(key), Optional.empty());
        }

        static Reading assign(String key, String value) {
            return new Reading(Kind.ASSIGN, Optional.of(key), Optional.of(value));
        }
    }

    private SessionSettings() {}

    /** How Spark reads the statement, as far as settings go. */
    static Reading read(String sql) {
        int head = skipHidden(sql, 0);
        if (isWord(sql, head, "SET")) {
            return readSet(sql, head + 3);
        }
        if (isWord(sql, head, "RESET")) {
            return readReset(sql, head + 5);
        }
        if (isWord(sql, head, "DECLARE")) {
            return Reading.of(Kind.VARIABLE);
        }
        if (startsScriptOrDynamicSql(sql, head)) {
            return Reading.of(Kind.RUNS_OTHER_STATEMENTS);
        }
        return Reading.of(Kind.NONE);
    }

    /** The key and value a SET assigns; empty for SET alone, SET -v, SET key (which only show settings). */
    static Optional<Map.Entry<String, String>> assignment(String sql) {
        Reading reading = read(sql);
        return reading.kind() == Kind.ASSIGN
                ? Optional.of(Map.entry(reading.key().orElseThrow(), reading.value().orElseThrow()))
                : Optional.empty();
    }

    /** The key a RESET restores; empty for a RESET of every setting. */
    static Optional<String> resetKey(String sql) {
        Reading reading = read(sql);
        return reading.kind() == Kind.RESET_ONE ? reading.key() : Optional.empty();
    }

    private static Reading readSet(String sql, int afterKeyword) {
        int next = skipHidden(sql, afterKeyword);
        if (isWord(sql, next, "TIME") && isWord(sql, skipHidden(sql, next + 4), "ZONE")) {
            return Reading.of(Kind.TIME_ZONE, TIME_ZONE_KEY);
        }
        for (String variable : new String[] {"VAR", "VARIABLE"}) {
            if (isWord(sql, next, variable)) {
                // SET VAR = 1 and SET var.x = 1 set the keys "VAR" and "var.x"; anything else names variables.
                int after = skipHidden(sql, next + variable.length());
                if (after < sql.length() && "=.:;".indexOf(sql.charAt(after)) < 0) {
                    return Reading.of(Kind.VARIABLE);
                }
            }
        }
        if (next < sql.length() && sql.charAt(next) == '`') {
            return readQuotedAssignment(sql, next);
        }
        String rest = sql.substring(afterKeyword).trim();
        Matcher keyValue = KEY_VALUE.matcher(rest);
        if (keyValue.matches()) {
            return Reading.assign(keyValue.group(1), unquote(keyValue.group(2).trim()));
        }
        if (KEY.matcher(rest).matches()) {
            return Reading.of(Kind.SHOW, rest);
        }
        if (rest.equals("-v")) {
            return Reading.of(Kind.LIST_VERBOSE);
        }
        return rest.isEmpty() ? Reading.of(Kind.LIST) : Reading.of(Kind.UNREADABLE);
    }

    /** {@code SET `key`}, {@code SET `key` = `value`} and {@code SET `key` = value}; comments between tokens. */
    private static Reading readQuotedAssignment(String sql, int quote) {
        Optional<Quoted> key = backQuoted(sql, quote);
        if (key.isEmpty()) {
            return Reading.of(Kind.UNREADABLE);
        }
        int after = skipHidden(sql, key.get().end());
        if (onlySemicolonsAfter(sql, after)) {
            return Reading.of(Kind.SHOW, key.get().text());
        }
        if (sql.charAt(after) != '=') {
            return Reading.of(Kind.UNREADABLE);
        }
        int valueStart = skipHidden(sql, after + 1);
        if (valueStart < sql.length() && sql.charAt(valueStart) == '`') {
            Optional<Quoted> value = backQuoted(sql, valueStart);
            if (value.isPresent() && onlySemicolonsAfter(sql, value.get().end())) {
                return Reading.assign(key.get().text(), value.get().text());
            }
        }
        Matcher value = VALUE.matcher(sql.substring(after + 1).trim());
        return value.matches() ? Reading.assign(key.get().text(), value.group(1)) : Reading.of(Kind.UNREADABLE);
    }

    private static Reading readReset(String sql, int afterKeyword) {
        int next = skipHidden(sql, afterKeyword);
        if (next < sql.length() && sql.charAt(next) == '`') {
            Optional<Quoted> key = backQuoted(sql, next);
            return key.isPresent() && onlySemicolonsAfter(sql, key.get().end())
                    ? Reading.of(Kind.RESET_ONE, key.get().text())
                    : Reading.of(Kind.UNREADABLE);
        }
        String rest = sql.substring(afterKeyword).trim();
        if (KEY.matcher(rest).matches()) {
            return Reading.of(Kind.RESET_ONE, rest);
        }
        return rest.isEmpty() ? Reading.of(Kind.RESET_ALL) : Reading.of(Kind.UNREADABLE);
    }

    /**
     * {@code EXECUTE IMMEDIATE} and SQL scripts ({@code BEGIN ... END}, with an optional label, and the control
     * statements) run statements the text holds only as strings or nested blocks.
     */
    private static boolean startsScriptOrDynamicSql(String sql, int head) {
        for (String word : new String[] {"EXECUTE", "BEGIN", "IF", "WHILE", "REPEAT", "LOOP", "FOR"}) {
            if (isWord(sql, head, word)) {
                return true;
            }
        }
        int wordEnd = head;
        while (wordEnd < sql.length() && isWordChar(sql.charAt(wordEnd))) {
            wordEnd++;
        }
        int colon = skipHidden(sql, wordEnd);
        return wordEnd > head && colon < sql.length() && sql.charAt(colon) == ':'
                && isWord(sql, skipHidden(sql, colon + 1), "BEGIN");
    }

    private record Quoted(String text, int end) {}

    /** A back-quoted name starting at {@code start}: two back quotes stand for one. Empty if it is not closed. */
    private static Optional<Quoted> backQuoted(String sql, int start) {
        StringBuilder text = new StringBuilder();
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '`') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '`') {
                    text.append('`');
                    i += 2;
                    continue;
                }
                return Optional.of(new Quoted(text.toString(), i + 1));
            }
            text.append(c);
            i++;
        }
        return Optional.empty();
    }

    /** A value written as one back-quoted name, as in {@code SET key = `value`}, is that name. */
    private static String unquote(String value) {
        if (value.length() >= 2 && value.charAt(0) == '`') {
            Optional<Quoted> quoted = backQuoted(value, 0);
            if (quoted.isPresent() && quoted.get().end() == value.length()) {
                return quoted.get().text();
            }
        }
        return value;
    }

    private static boolean onlySemicolonsAfter(String sql, int from) {
        int i = skipHidden(sql, from);
        while (i < sql.length() && sql.charAt(i) == ';') {
            i = skipHidden(sql, i + 1);
        }
        return i >= sql.length();
    }

    /** Whether the keyword {@code word} (any case) starts at {@code index} and no name character follows it. */
    private static boolean isWord(String sql, int index, String word) {
        int end = index + word.length();
        return sql.regionMatches(true, index, word, 0, word.length())
                && (end >= sql.length() || !isWordChar(sql.charAt(end)));
    }

    /** Only ASCII: counting fewer characters as part of a name can only make more statements read as SET. */
    private static boolean isWordChar(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /**
     * Skips what Spark's lexer hides: white space, {@code --} comments (a backslash before the line break continues
     * them) and bracketed comments, which nest, except that {@code /*+} opens a hint, not a comment. White space is
     * taken widely: skipping more than Spark does can only make more statements read as SET.
     */
    static int skipHidden(String sql, int from) {
        int i = from;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                i += 2;
                while (i < length && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
                    i += sql.charAt(i) == '\\' && i + 1 < length && sql.charAt(i + 1) == '\n' ? 2 : 1;
                }
            } else if (opensComment(sql, i)) {
                i = endOfComment(sql, i);
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean opensComment(String sql, int i) {
        return sql.startsWith("/*", i) && !(i + 2 < sql.length() && sql.charAt(i + 2) == '+');
    }

    /** The index after the bracketed comment that opens at {@code start}; an unclosed one runs to the end. */
    private static int endOfComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (opensComment(sql, i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }
}
