package io.lakegate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.common.LakegateException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedEngine.class)
class CancelIT {
    /** Minutes of work for two cores; the test only needs it to outlast the cancel. */
    private static final String LONG_QUERY = "SELECT sum(id % 7) FROM range(0, 1000000000000)";
    private static final Duration CANCEL_LIMIT = Duration.ofSeconds(15);
    private static final Duration PROGRESS_LIMIT = Duration.ofSeconds(30);
    /** Needs tasks, so it waits for cores a statement that was not stopped would still hold. */
    private static final String SMALL_JOB = "SELECT count(*) FROM range(1000)";

    @Test
    void cancelFromAnotherThreadEndsALongStatementWithinSeconds(Engine engine) throws Exception {
        try (Session session = engine.openSession(SessionSpec.forUser("canceller"));
                Statement statement = session.createStatement()) {
            StatementResult result = statement.execute(LONG_QUERY);
            CompletableFuture<Boolean> reader = CompletableFuture.supplyAsync(result::hasNext);
            awaitProgress(result);
            long cancelledAt = System.nanoTime();
            statement.cancel();
            assertThatThrownBy(() -> reader.get(CANCEL_LIMIT.toSeconds(), TimeUnit.SECONDS))
                    .hasCauseInstanceOf(LakegateException.class)
                    .cause()
                    .satisfies(e -> assertThat(((LakegateException) e).sqlState()).isEqualTo("HY008"));
            assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(CANCEL_LIMIT);
            result.close();

            assertThat(Results.firstValue(statement.execute(SMALL_JOB))).isEqualTo(1000L);
        }
    }

    @Test
    void closingAnUnreadResultStopsTheStatement(Engine engine) {
        try (Session session = engine.openSession(SessionSpec.forUser("closer"))) {
            long started = System.nanoTime();
            session.execute(LONG_QUERY).close();
            assertThat(Results.firstValue(session.execute(SMALL_JOB))).isEqualTo(1000L);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(CANCEL_LIMIT);
        }
    }

    /** The cluster reports the running stage's tasks while the reader waits for the first batch. */
    private static void awaitProgress(StatementResult result) throws InterruptedException {
        long deadline = System.nanoTime() + PROGRESS_LIMIT.toNanos();
        while (result.progress().map(progress -> progress.stages().isEmpty()).orElse(true)) {
            assertThat(System.nanoTime()).as("progress reported within %s", PROGRESS_LIMIT).isLessThan(deadline);
            Thread.sleep(100);
        }
        ExecutionProgress progress = result.progress().orElseThrow();
        assertThat(progress.stages().get(0).tasks()).isPositive();
        assertThat(progress.completedFraction()).isBetween(0.0, 1.0);
    }
}
