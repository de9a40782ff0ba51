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
    private static final String LONG_QUERY = "SELECT sum(id * id % 7) FROM range(0, 200000000000)";
    private static final Duration CANCEL_LIMIT = Duration.ofSeconds(15);

    @Test
    void cancelFromAnotherThreadEndsALongStatementWithinSeconds(Engine engine) throws Exception {
        try (Session session = engine.openSession(SessionSpec.forUser("canceller"));
                Statement statement = session.createStatement()) {
            StatementResult result = statement.execute(LONG_QUERY);
            CompletableFuture<Boolean> reader = CompletableFuture.supplyAsync(result::hasNext);
            long cancelledAt = System.nanoTime();
            statement.cancel();
            assertThatThrownBy(() -> reader.get(CANCEL_LIMIT.toSeconds(), TimeUnit.SECONDS))
                    .hasCauseInstanceOf(LakegateException.class)
                    .cause()
                    .satisfies(e -> assertThat(((LakegateException) e).sqlState()).isEqualTo("HY008"));
            assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(CANCEL_LIMIT);
            result.close();

            try (StatementResult next = statement.execute("SELECT 42")) {
                assertThat(next.hasNext()).isTrue();
                assertThat(next.next().column(0).getObject(0)).isEqualTo(42);
            }
        }
    }

    @Test
    void closingAnUnreadResultStopsTheStatement(Engine engine) {
        try (Session session = engine.openSession(SessionSpec.forUser("closer"))) {
            long started = System.nanoTime();
            session.execute(LONG_QUERY).close();
            try (StatementResult next = session.execute("SELECT 'still serving'")) {
                assertThat(next.hasNext()).isTrue();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(CANCEL_LIMIT);
        }
    }
}
