package io.lakegate.engine.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One statement of the policy bypass corpus: what a user sends to reach protected rows, raw values or denied columns,
 * and what the gateway must answer instead.
 *
 * @param name unique, {@code topic/what}
 * @param source the corpus file and line the case starts at, for failure reports
 * @param user who sends it; {@code admin} is never a case's user
 * @param conf Spark settings the session is opened with, as a client's OpenSession sends them
 * @param setup statements the same user runs first, in the same session; a refused one refuses the case
 * @param sql the statement
 * @param check a query the administrator runs after the statement, whose rows the expectation is about: what a write
 *     stored
 * @param expectation what the user must get
 * @param control the case cannot show a difference from an unenforced gateway (it reads nothing protected, or the
 *     protected answer equals the raw one): it must pass, but is exempt from the difference rule
 * @param adminFails the administrator's run fails on raw values (a division by zero, a failed cast or assertion)
 *     where the restricted user's answers: that failure is the difference from an unenforced gateway
 * @param destructive the administrator's run (and a user's run that is not refused) changes the fixture, which is
 *     built again after it; such cases run last
 */
record BypassCase(
        String name,
        String source,
        String user,
        Map<String, String> conf,
        List<String> setup,
        String sql,
        Optional<String> check,
        Expectation expectation,
        boolean control,
        boolean adminFails,
        boolean destructive) {
    BypassCase {
        requireNonNull(name, "name is null");
        requireNonNull(source, "source is null");
        requireNonNull(user, "user is null");
        conf = Map.copyOf(conf);
        setup = List.copyOf(setup);
        requireNonNull(sql, "sql is null");
        requireNonNull(check, "check is null");
        requireNonNull(expectation, "expectation is null");
    }

    /** All the text the case itself sends: a value found in it and echoed back is no leak. */
    String ownText() {
        return String.join("\n", conf.toString(), String.join("\n", setup), sql, check.orElse(""));
    }

    /** What the user must get. */
    enum Kind {
        /** The statement (or a setup statement) fails, with any SQLSTATE. */
        REFUSED(true, false),
        /** The rows of {@link Expectation#query()} run by the administrator, exactly (in any order). */
        SAME_AS(false, false),
        /** Either of the two: forms the gateway may refuse as it cannot analyse them (fail closed). */
        REFUSED_OR_SAME_AS(true, false),
        /** The literal rows of {@link Expectation#rows()}. */
        ROWS(false, false),
        REFUSED_OR_ROWS(true, false),
        /** Refused, or an answer whose text shows {@link Expectation#text()} (EXPLAIN shows the row filter). */
        REFUSED_OR_SHOWS(true, true),
        /** Refused, or an answer whose text does not show {@link Expectation#text()} (a listing without it). */
        REFUSED_OR_HIDES(true, true),
        /** Refused or answered: only the absence of raw values is checked. */
        NO_RAW(true, true);

        final boolean mayBeRefused;
        final boolean anyAnswer;

        Kind(boolean mayBeRefused, boolean anyAnswer) {
            this.mayBeRefused = mayBeRefused;
            this.anyAnswer = anyAnswer;
        }
    }

    /**
     * @param query the administrator's reference query, for the {@code same-as} kinds
     * @param rows the literal rows, for the {@code rows} kinds: each value as {@link
     *     io.lakegate.engine.frontend.corpus.ResultTable} writes it
     * @param text the text an answer must show, for {@link Kind#REFUSED_OR_SHOWS} and {@link Kind#REFUSED_OR_HIDES}
     */
    record Expectation(Kind kind, Optional<String> query, List<List<String>> rows, Optional<String> text) {
        Expectation {
            requireNonNull(kind, "kind is null");
            requireNonNull(query, "query is null");
            rows = rows.stream().map(List::copyOf).toList();
            requireNonNull(text, "text is null");
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                    + query.map(q -> " " + q).orElse("") + text.map(t -> " " + t).orElse("")
                    + (rows.isEmpty() ? "" : " " + rows);
        }
    }
}
