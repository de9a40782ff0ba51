package io.lakegate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lakegate.common.LakegateException;
import io.lakegate.common.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader paces the cluster: a result twice the cluster's heap reads to its end at full speed, and a reader that
 * pauses between batches leaves the cluster's heap where it was. Spark's own result path keeps what the reader has not
 * taken yet in the driver's heap (and its transport, in direct memory), which fails with an OutOfMemoryError on both.
 *
 * <p>An engine of its own: its cluster has a small heap, which the cluster of the other tests must not share.
 */
class PacedResultIT {
    private static final Logger LOG = LoggerFactory.getLogger(PacedResultIT.class);
    private static final Path DATA_DIR = Path.of("target", "it-data-paced").toAbsolutePath();
    private static final String CLUSTER_MEMORY = "512m";
    /**
     * Spark Connect's gRPC transport queues what it is handed in direct memory, outside the heap: a cap far below the
     * result makes a result queued there fail the cluster too.
     */
    private static final String CLUSTER_DIRECT_MEMORY = "-XX:MaxDirectMemorySize=128m";
    /** Two bigint columns: 16 bytes a row, over 1.1 GB of Arrow, twice the cluster's heap. */
    private static final long ROWS = 72_000_000;
    private static final String QUERY = "SELECT id, id * 2 AS twice FROM range(" + ROWS + ")";
    /** What the cluster may keep beyond its idle heap while a result waits for its reader. */
    private static final long HEAP_GROWTH_LIMIT = 128L * 1024 * 1024;
    private static final Duration SLOW_READ = Duration.ofSeconds(20);
    private static final Duration PAUSE = Duration.ofMillis(200);
    private static final Duration CANCEL_LIMIT = Duration.ofSeconds(15);

    private static Engine engine;
    private static ClusterHeap heap;

    @BeforeAll
    static void start() throws Exception {
        SharedEngine.deleteRecursively(DATA_DIR);
        Map<String, String> settings = new HashMap<>(SharedEngine.clusterSettings(DATA_DIR));
        settings.put("lakegate.cluster.local.memory", CLUSTER_MEMORY);
        settings.put("lakegate.cluster.local.jvm-options", CLUSTER_DIRECT_MEMORY);
        engine = Engine.start(Settings.of(settings));
        engine.warmUp();
        heap = ClusterHeap.ofClusterIn(DATA_DIR.resolve("work").resolve("clusters"));
    }

    @AfterAll
    static void stop() {
        if (heap != null) {
            heap.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aResultTwiceTheClusterHeapReadsToItsEndAtFullSpeed() {
        assertThat(ROWS * 16).as("bytes of the result").isGreaterThan(2 * heap.maxBytes());
        long rows = 0;
        long idSum = 0;
        long started = System.nanoTime();
        try (Session session = engine.openSession(SessionSpec.forUser("fast"));
                StatementResult result = session.execute(QUERY)) {
            while (result.hasNext()) {
                ColumnBatch batch = result.next();
                BigIntVector ids = (BigIntVector) batch.column(0);
                BigIntVector twice = (BigIntVector) batch.column(1);
                for (int row = 0; row < batch.rowCount(); row++) {
                    idSum += ids.get(row);
                    assertThat(twice.get(row)).isEqualTo(2 * ids.get(row));
                }
                rows += batch.rowCount();
            }
        }
        LOG.info("Read {} rows at full speed in {} ms", rows, Duration.ofNanos(System.nanoTime() - started).toMillis());
        assertThat(rows).isEqualTo(ROWS);
        assertThat(idSum).isEqualTo(ROWS * (ROWS - 1) / 2);
        assertThat(heap.isAlive()).as("the cluster survived").isTrue();
    }

    @Test
    void aSlowReaderKeepsTheClusterHeapWhereItWasAndItsCancelIsPrompt() throws Exception {
        long idle = heap.retainedBytes();
        long maxGrowth = 0;
        long rows = 0;
        try (Session session = engine.openSession(SessionSpec.forUser("slow"));
                Statement statement = session.createStatement()) {
            StatementResult result = statement.execute(QUERY);
            long deadline = System.nanoTime() + SLOW_READ.toNanos();
            long idSum = 0;
            while (System.nanoTime() < deadline && result.hasNext()) {
                ColumnBatch batch = result.next();
                BigIntVector ids = (BigIntVector) batch.column(0);
                for (int row = 0; row < batch.rowCount(); row++) {
                    idSum += ids.get(row);
                }
                rows += batch.rowCount();
                pause();
                maxGrowth = Math.max(maxGrowth, heap.retainedBytes() - idle);
            }
            assertThat(idSum).as("the rows arrive in order").isEqualTo(rows * (rows - 1) / 2);

            CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
                long more = 0;
                while (result.hasNext()) {
                    more += result.next().rowCount();
                    pause();
                }
                return more;
            });
            long cancelledAt = System.nanoTime();
            statement.cancel();
            Throwable readerFailure = catchThrowable(() -> reader.get(CANCEL_LIMIT.toSeconds(), TimeUnit.SECONDS));
            Duration cancelTook = Duration.ofNanos(System.nanoTime() - cancelledAt);
            LOG.info("The paced statement's reader stopped {} ms after the cancel", cancelTook.toMillis());
            assertThat(cancelTook).isLessThan(CANCEL_LIMIT);
            assertThat(readerFailure).cause().isInstanceOfSatisfying(LakegateException.class,
                    e -> assertThat(e.sqlState()).as("SQLSTATE of the cancelled read").isEqualTo("HY008"));
            result.close();
            assertThat(Results.firstValue(statement.execute("SELECT count(*) FROM range(1000)"))).isEqualTo(1000L);
        }
        LOG.info("The slow reader read {} rows; the cluster kept at most {} bytes beyond its idle {} bytes", rows,
                maxGrowth, idle);
        assertThat(rows).as("rows the slow reader read").isPositive().isLessThan(ROWS);
        assertThat(maxGrowth).as("cluster heap kept beyond its idle heap while the reader was slow")
                .isLessThan(HEAP_GROWTH_LIMIT);
        assertThat(heap.isAlive()).as("the cluster survived").isTrue();
    }

    /** The slow reader's pause, not a wait for anything: while it lasts, an unpaced cluster would run far ahead. */
    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
