package io.lakegate.engine.policy;

import io.lakegate.engine.policy.BypassCase.Expectation;
import io.lakegate.engine.policy.BypassCase.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the bypass corpus, {@code policy/bypass/*.sql} on the test class path. A case starts with {@code == name} and
 * has one field a line, {@code key: value}; a line that starts with white space continues the field before it on a new
 * line; {@code #} starts a comment line; blank lines are ignored. Fields: {@code user}, {@code conf} (key=value,
 * repeatable), {@code setup} (repeatable), {@code sql}, {@code check}, {@code expect} ({@code refused}, {@code same-as
 * <query>}, {@code refused-or-same-as <query>}, {@code rows}, {@code refused-or-rows}, {@code refused-or-shows
 * <text>}, {@code refused-or-hides <text>}, {@code no-raw}), {@code row} (values separated by {@code " | "},
 * repeatable, for the rows kinds), {@code control}, {@code admin-fails} and {@code destructive} (each with the
 * reason). Every case must pass, with and without the gateway's analysis. Text may hold {@code {{NAME}}} placeholders, filled in when the case runs ({@link BypassFixture}).
 */
final class BypassCorpus {
    /** The corpus files, by topic. */
    static final List<String> FILES = List.of("lexer", "names", "queries", "views", "writes", "special", "dynamic",
            "settings", "errors", "users", "controls");

    private BypassCorpus() {}

    static List<BypassCase> all() {
        List<BypassCase> cases = new ArrayList<>();
        for (String file : FILES) {
            String resource = "policy/bypass/" + file + ".sql";
            cases.addAll(parse(resource, read(resource)));
        }
        Set<String> names = new HashSet<>();
        for (BypassCase bypassCase : cases) {
            if (!names.add(bypassCase.name())) {
                throw new IllegalStateException("Two cases are named " + bypassCase.name());
            }
        }
        return cases;
    }

    static List<BypassCase> parse(String file, String text) {
        List<BypassCase> cases = new ArrayList<>();
        Builder current = null;
        String lastKey = null;
        String[] lines = text.split("\n", -1);
        for (int number = 1; number <= lines.length; number++) {
            String line = lines[number - 1];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + number;
            if (line.startsWith("== ")) {
                if (current != null) {
                    cases.add(current.build());
                }
                current = new Builder(line.substring(3).strip(), where);
                lastKey = null;
                continue;
            }
            if (current == null) {
                throw new IllegalStateException(where + ": text before the first case");
            }
            if (Character.isWhitespace(line.charAt(0))) {
                if (lastKey == null) {
                    throw new IllegalStateException(where + ": a continuation line without a field before it");
                }
                current.extend(lastKey, line.strip(), where);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalStateException(where + ": expected key: value, got " + line);
            }
            lastKey = line.substring(0, colon).strip();
            current.add(lastKey, line.substring(colon + 1).strip(), where);
        }
        if (current != null) {
            cases.add(current.build());
        }
        return cases;
    }

    private static String read(String resource) {
        try (InputStream in = BypassCorpus.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No resource " + resource + " on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fields of one case as they are read. */
    private static final class Builder {
        private final String name;
        private final String source;
        private String user;
        private final Map<String, String> conf = new LinkedHashMap<>();
        private final List<String> setup = new ArrayList<>();
        private String sql;
        private String check;
        private String expect;
        private final List<List<String>> rows = new ArrayList<>();
        private boolean control;
        private boolean adminFails;
        private boolean destructive;

        Builder(String name, String source) {
            this.name = name;
            this.source = source;
        }

        void add(String key, String value, String where) {
            switch (key) {
                case "user" -> user = once(user, value, key, where);
                case "conf" -> {
                    int equals = value.indexOf('=');
                    if (equals < 0) {
                        throw new IllegalStateException(where + ": conf needs key=value");
                    }
                    conf.put(value.substring(0, equals).strip(), value.substring(equals + 1).strip());
                }
                case "setup" -> setup.add(value);
                case "sql" -> sql = once(sql, value, key, where);
                case "check" -> check = once(check, value, key, where);
                case "expect" -> expect = once(expect, value, key, where);
                case "row" -> rows.add(List.of(value.split(" \\| ", -1)).stream().map(String::strip).toList());
                case "control" -> control = true;
                case "admin-fails" -> adminFails = true;
                case "destructive" -> destructive = true;
                default -> throw new IllegalStateException(where + ": unknown field " + key);
            }
        }

        void extend(String key, String value, String where) {
            switch (key) {
                case "setup" -> setup.set(setup.size() - 1, setup.get(setup.size() - 1) + "\n" + value);
                case "sql" -> sql = sql + "\n" + value;
                case "check" -> check = check + "\n" + value;
                case "expect" -> expect = expect + "\n" + value;
                case "control", "admin-fails", "destructive" -> {
                    // Reasons may take more than a line.
                }
                default -> throw new IllegalStateException(where + ": field " + key + " does not continue");
            }
        }

        BypassCase build() {
            String where = source + " (" + name + ")";
            if (user == null || sql == null || expect == null) {
                throw new IllegalStateException(where + ": user, sql and expect are required");
            }
            if (user.equals("admin")) {
                throw new IllegalStateException(where + ": the administrator is no case's user");
            }
            return new BypassCase(name, source, user, conf, setup, sql, Optional.ofNullable(check),
                    expectation(where), control, adminFails, destructive);
        }

        private Expectation expectation(String where) {
            int space = expect.indexOf(' ');
            String word = (space < 0 ? expect : expect.substring(0, space)).strip();
            Optional<String> argument = space < 0 ? Optional.empty()
                    : Optional.of(expect.substring(space + 1).strip()).filter(text -> !text.isEmpty());
            Kind kind = switch (word.toLowerCase(Locale.ROOT)) {
                case "refused" -> Kind.REFUSED;
                case "same-as" -> Kind.SAME_AS;
                case "refused-or-same-as" -> Kind.REFUSED_OR_SAME_AS;
                case "rows" -> Kind.ROWS;
                case "refused-or-rows" -> Kind.REFUSED_OR_ROWS;
                case "refused-or-shows" -> Kind.REFUSED_OR_SHOWS;
                case "refused-or-hides" -> Kind.REFUSED_OR_HIDES;
                case "no-raw" -> Kind.NO_RAW;
                default -> throw new IllegalStateException(where + ": unknown expectation " + word);
            };
            boolean needsQuery = kind == Kind.SAME_AS || kind == Kind.REFUSED_OR_SAME_AS;
            boolean needsText = kind == Kind.REFUSED_OR_SHOWS || kind == Kind.REFUSED_OR_HIDES;
            boolean takesRows = kind == Kind.ROWS || kind == Kind.REFUSED_OR_ROWS;
            if ((needsQuery || needsText) != argument.isPresent()) {
                throw new IllegalStateException(where + ": " + word + (argument.isPresent() ? " takes no argument"
                        : " needs an argument"));
            }
            if (!takesRows && !rows.isEmpty()) {
                throw new IllegalStateException(where + ": row lines belong to the rows expectations only");
            }
            return new Expectation(kind, needsQuery ? argument : Optional.empty(), rows,
                    needsText ? argument : Optional.empty());
        }

        private static String once(String previous, String value, String key, String where) {
            if (previous != null) {
                throw new IllegalStateException(where + ": " + key + " given twice");
            }
            return value;
        }
    }
}
