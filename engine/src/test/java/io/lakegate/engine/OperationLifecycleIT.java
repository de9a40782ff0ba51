package io.lakegate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.common.LakegateException;
import io.lakegate.common.Settings;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.operation.OperationState;
import io.lakegate.engine.operation.QueryOperation;
import io.lakegate.engine.operation.RowSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An application that embeds the engine gets the same lifecycle as the server's clients: operations with query
 * timeouts and limits, and what it forgets is closed at the idle timeout, its memory given back. An engine of its own,
 * for its short idle timeout.
 */
class OperationLifecycleIT {
    private static final Duration IDLE = Duration.ofSeconds(15);
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final String ENDLESS = "SELECT sum(id % 7) FROM range(0, 1000000000000)";
    private static final Path DATA_DIR = Path.of("target", "lifecycle-data").toAbsolutePath();
    /** Longer than the fetches that read whole answers take. */
    private static final Duration FETCH_WAIT = Duration.ofMinutes(1);

    private static Engine engine;

    @BeforeAll
    static void start() {
        SharedEngine.deleteRecursively(DATA_DIR);
        Map<String, String> settings = new HashMap<>(SharedEngine.clusterSettings(DATA_DIR));
        settings.put("lakegate.engine.operation-idle-timeout", IDLE.toMillis() + "ms");
        settings.put("lakegate.engine.max-operations-per-session", "2");
        engine = Engine.start(Settings.of(settings));
        engine.warmUp();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aForgottenResultIsClosedAndItsMemoryGivenBack() throws InterruptedException {
        try (Session session = engine.openSession(SessionSpec.forUser("forgetful"))) {
            StatementResult forgotten = session.execute("SELECT id FROM range(0, 5000000)");
            assertThat(forgotten.hasNext()).isTrue();
            assertThat(engine.allocator().getAllocatedMemory()).isPositive();

            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (engine.allocator().getAllocatedMemory() > 0) {
                assertThat(System.nanoTime()).as("the result closed within %s", LIMIT).isLessThan(deadline);
                session.used();
                Thread.sleep(100);
            }
            assertThat(forgotten.hasNext()).isFalse();
            // The session lives on: only its forgotten result went.
            try (StatementResult next = session.execute("SELECT 42L")) {
                assertThat(((BigIntVector) next.next().column(0)).get(0)).isEqualTo(42);
            }
        }
    }

    @Test
    void aQueryTimeoutStopsAnAsynchronousOperation() throws InterruptedException {
        try (Session session = engine.openSession(SessionSpec.forUser("patient"))) {
            QueryOperation endless = session.submit(ENDLESS, true, Duration.ofSeconds(2));
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (endless.state().isActive()) {
                assertThat(System.nanoTime()).as("the time limit within %s", LIMIT).isLessThan(deadline);
                endless.awaitProgress(Duration.ofMillis(500));
            }
            assertThat(endless.state()).isEqualTo(OperationState.TIMEDOUT);
            assertThatThrownBy(endless::requireFinished)
                    .isInstanceOf(LakegateException.class)
                    .extracting(e -> ((LakegateException) e).sqlState()).isEqualTo(SqlStates.TIMEOUT_EXPIRED);
            endless.close();
        }
    }

    @Test
    void operationsFetchInPiecesAndCountAgainstTheSessionsLimit() {
        try (Session session = engine.openSession(SessionSpec.forUser("counter"))) {
            QueryOperation numbers = session.submit("SELECT id FROM range(0, 10)", false, Duration.ZERO);
            QueryOperation more = session.submit("SELECT 1", false, Duration.ZERO);
            assertThatThrownBy(() -> session.submit("SELECT 2", false, Duration.ZERO))
                    .isInstanceOf(LakegateException.class)
                    .extracting(e -> ((LakegateException) e).sqlState()).isEqualTo(SqlStates.TOO_MANY);

            Sum firstFour = new Sum(4);
            assertThat(numbers.fetch(firstFour, true, FETCH_WAIT)).isTrue();
            Sum rest = new Sum(100);
            assertThat(numbers.fetch(rest, false, FETCH_WAIT)).isFalse();
            assertThat(firstFour.total + rest.total).isEqualTo(45);
            assertThat(firstFour.rows + rest.rows).isEqualTo(10);
            assertThatThrownBy(() -> numbers.fetch(new Sum(1), true, FETCH_WAIT))
                    .isInstanceOf(LakegateException.class)
                    .extracting(e -> ((LakegateException) e).sqlState()).isEqualTo(SqlStates.FEATURE_NOT_SUPPORTED);

            more.close();
            session.submit("SELECT 3", false, Duration.ZERO).close();
            numbers.close();
        }
    }

    @Test
    void aFetchHoldingRowsAnswersWithThemOnceItsWaitIsUp() {
        try (Session session = engine.openSession(SessionSpec.forUser("patient"))) {
            // Two partitions: the first one's five rows come at once, the second sleeps 20 s a row.
            QueryOperation slow = session.submit("SELECT id, IF(id < 5, 'at once', "
                    + "reflect('java.lang.Thread', 'sleep', 20000L)) AS late FROM range(0, 10, 1, 2)", false,
                    Duration.ZERO);
            Sum first = new Sum(100);
            long start = System.nanoTime();
            assertThat(slow.fetch(first, false, Duration.ofMillis(500))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            assertThat(first.rows).isEqualTo(5);
            assertThat(first.total).isEqualTo(10);
            slow.close();
        }
    }

    /** Sums the first column of up to {@code capacity} rows. */
    private static final class Sum implements RowSink {
        private final int capacity;
        private int rows;
        private long total;

        Sum(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public boolean isFull() {
            return rows >= capacity;
        }

        @Override
        public int take(ColumnBatch batch, int offset, int count) {
            int taken = Math.min(count, capacity - rows);
            BigIntVector ids = (BigIntVector) batch.column(0);
            for (int row = offset; row < offset + taken; row++) {
                total += ids.get(row);
            }
            rows += taken;
            return taken;
        }
    }
}
