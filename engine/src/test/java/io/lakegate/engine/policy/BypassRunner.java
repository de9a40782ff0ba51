package io.lakegate.engine.policy;

import io.lakegate.engine.Engine;
import io.lakegate.engine.Session;
import io.lakegate.engine.SessionSpec;
import io.lakegate.engine.StatementResult;
import io.lakegate.engine.frontend.corpus.ResultTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs the statements of a bypass case as one user, in one session, and collects all that came back. */
final class BypassRunner {
    private static final int PREVIEW_CHARS = 300;
    /** How Spark's EXPLAIN begins its answer when the statement cannot be planned. */
    private static final String EXPLAIN_FAILURE = "Error occurred during query planning";

    private final Engine engine;
    private final BypassFixture fixture;

    BypassRunner(Engine engine, BypassFixture fixture) {
        this.engine = engine;
        this.fixture = fixture;
    }

    /**
     * What came back from one run of a case.
     *
     * @param refusal the error that stopped it, with the messages of its causes
     * @param table the statement's rows, or the check's when the case has one
     * @param seen every value, column name and message that came back, where raw values must never be
     * @param succeeded how many statements ran without an error, setup included
     */
    record Answer(Optional<String> refusal, Optional<ResultTable> table, String seen, int succeeded) {
        boolean refused() {
            return refusal.isPresent();
        }

        String describe() {
            return refusal.map(message -> "refused: " + abbreviate(message))
                    .orElseGet(() -> table.map(BypassRunner::preview).orElse("(no rows)"));
        }
    }

    /** A case that cannot be run as written: its failure says nothing about the gateway. */
    static final class CorpusMistake extends RuntimeException {
        CorpusMistake(String message) {
            super(message);
        }
    }

    /** Runs the case as {@code user}: the case's own user, or {@code admin} to see what enforcing nothing gives. */
    Answer run(BypassCase bypassCase, String user) {
        StringBuilder seen = new StringBuilder();
        int succeeded = 0;
        SessionSpec spec = SessionSpec.forUser(user);
        for (Map.Entry<String, String> entry : bypassCase.conf().entrySet()) {
            spec = spec.withConf(entry.getKey(), fixture.expand(entry.getValue()));
        }
        ResultTable table;
        try (Session session = engine.openSession(spec)) {
            List<String> setup = bypassCase.setup();
            for (int i = 0; i < setup.size(); i++) {
                Optional<String> failure = execute(session, fixture.expand(setup.get(i)), seen).refusal();
                if (failure.isPresent()) {
                    return new Answer(Optional.of("setup " + (i + 1) + ": " + failure.get()), Optional.empty(),
                            seen.toString(), succeeded);
                }
                succeeded++;
            }
            Answer statement = execute(session, fixture.expand(bypassCase.sql()), seen);
            if (statement.refused()) {
                return new Answer(statement.refusal(), Optional.empty(), seen.toString(), succeeded);
            }
            succeeded++;
            table = statement.table().orElseThrow();
        } catch (RuntimeException e) {
            // Opening or closing the session failed: settings the session may not have are refused when it opens.
            String message = messages(e);
            seen.append(message).append('\n');
            return new Answer(Optional.of("session: " + message), Optional.empty(), seen.toString(), succeeded);
        }
        if (bypassCase.check().isPresent()) {
            try (Session admin = engine.openSession(SessionSpec.forUser("admin"))) {
                Answer check = execute(admin, fixture.expand(bypassCase.check().get()), seen);
                if (check.refused()) {
                    // The write ran but its target cannot be read back: the case's own mistake, never a refusal.
                    throw new CorpusMistake("its check failed for admin: " + check.refusal().get());
                }
                table = check.table().orElseThrow();
            }
        }
        return new Answer(Optional.empty(), Optional.of(table), seen.toString(), succeeded);
    }

    /** The administrator's rows of a reference query, or why it failed. */
    Answer reference(String sql) {
        StringBuilder seen = new StringBuilder();
        try (Session admin = engine.openSession(SessionSpec.forUser("admin"))) {
            return execute(admin, fixture.expand(sql), seen);
        }
    }

    private static Answer execute(Session session, String sql, StringBuilder seen) {
        try (StatementResult result = session.execute(sql)) {
            ResultTable table = ResultTable.read(result);
            seen.append(table.columns()).append('\n');
            table.rows().forEach(row -> seen.append(row).append('\n'));
            if (planningFailed(table)) {
                // Spark's EXPLAIN answers a statement it cannot plan with the error as the plan: a refusal.
                return new Answer(Optional.of(String.join(" ", table.rows().stream().map(row -> row.get(0))
                        .toList())), Optional.empty(), "", 0);
            }
            return new Answer(Optional.empty(), Optional.of(table), "", 1);
        } catch (RuntimeException e) {
            String message = messages(e);
            seen.append(message).append('\n');
            return new Answer(Optional.of(message), Optional.empty(), "", 0);
        }
    }

    private static boolean planningFailed(ResultTable table) {
        return table.columns().equals(List.of("plan string")) && !table.rows().isEmpty()
                && table.rows().get(0).get(0).startsWith(EXPLAIN_FAILURE);
    }

    /** The exception's message and its causes', where a raw value could hide. */
    static String messages(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (!text.isEmpty()) {
                text.append(" / caused by: ");
            }
            text.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
            for (Throwable suppressed : cause.getSuppressed()) {
                text.append(" / suppressed: ").append(suppressed.getMessage());
            }
        }
        return text.toString();
    }

    static String preview(ResultTable table) {
        return abbreviate(table.rows().size() + " rows " + table.columns() + " " + table.rows());
    }

    static String abbreviate(String text) {
        String line = text.replace('\n', ' ').replace('\r', ' ');
        return line.length() <= PREVIEW_CHARS ? line : line.substring(0, PREVIEW_CHARS) + "…";
    }
}
