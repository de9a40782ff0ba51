package io.lakegate.engine;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the setting a {@code SET key = value} or {@code RESET key} statement names, as Spark reads it. */
final class SessionSettings {
    /** Spark's form: SET, a key of non-blank characters, '=', and the rest of the statement as the value. */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?is)\\s*SET\\s+([A-Za-z0-9_.\\-]+)\\s*=\\s*(.*?)\\s*;?\\s*");
    private static final Pattern RESET_KEY = Pattern.compile("(?is)\\s*RESET\\s+([A-Za-z0-9_.\\-]+)\\s*;?\\s*");

    private SessionSettings() {}

    /** The key and value a SET assigns; empty for SET alone, SET -v, SET key (which only show settings). */
    static Optional<Map.Entry<String, String>> assignment(String sql) {
        Matcher matcher = ASSIGNMENT.matcher(sql);
        return matcher.matches() ? Optional.of(Map.entry(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    /** The key a RESET restores; empty for a RESET of every setting. */
    static Optional<String> resetKey(String sql) {
        Matcher matcher = RESET_KEY.matcher(sql);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
