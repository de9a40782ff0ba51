package io.lakegate.benchmarks.results;

import io.lakegate.common.Settings;
import io.lakegate.engine.ColumnBatch;
import io.lakegate.engine.Engine;
import io.lakegate.engine.Session;
import io.lakegate.engine.SessionSpec;
import io.lakegate.engine.StatementResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end harness of issue 9: the cluster's heap while the engine reads {@code range(100000000)} at full speed,
 * then while a reader takes one row a second; and the latency of {@code SELECT 1} first. Not JMH: one run of each, with the cluster's heap (used after a full
 * collection, from {@code jcmd}) sampled as they go.
 *
 * <p>Arguments: {@code [rows] [slowSeconds] [clusterMemory]}, by default {@code 100000000 60 2g}.
 */
public final class PacedResultsHarness {
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);
    private static final Duration ONE_ROW = Duration.ofSeconds(1);
    private static final int SELECT_ONE_RUNS = 21;

    private PacedResultsHarness() {}

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 100_000_000L;
        long slowSeconds = args.length > 1 ? Long.parseLong(args[1]) : 60;
        String memory = args.length > 2 ? args[2] : "2g";
        Path data = Path.of("target", "paced-results-harness").toAbsolutePath();
        String query = "SELECT id, id * 2 AS twice FROM range(" + rows + ")";
        try (Engine engine = Engine.start(Settings.of(Map.of(
                "lakegate.data.dir", data.toString(),
                "lakegate.cluster.local.memory", memory)))) {
            engine.warmUp();
            ClusterHeapProbe heap = ClusterHeapProbe.ofOnlyCluster();
            System.out.printf("cluster heap: -Xmx%s, idle retained %d MiB%n", memory, heap.retainedMib());
            try (Session session = engine.openSession(SessionSpec.forUser("harness"))) {
                selectOne(session);
                fullSpeed(session, query, heap);
                oneRowASecond(session, query, heap, slowSeconds);
            }
            System.out.printf("cluster alive at the end: %s%n", heap.isAlive());
        }
    }

    /** The latency of the smallest statement, which paced results must not slow down. */
    private static void selectOne(Session session) {
        long[] micros = new long[SELECT_ONE_RUNS];
        for (int run = 0; run < micros.length; run++) {
            long started = System.nanoTime();
            try (StatementResult result = session.execute("SELECT 1")) {
                result.forEachRemaining(batch -> { });
            }
            micros[run] = (System.nanoTime() - started) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf("SELECT 1: median %d ms, max %d ms over %d runs%n", micros[micros.length / 2] / 1000,
                micros[micros.length - 1] / 1000, micros.length);
    }

    private static void fullSpeed(Session session, String query, ClusterHeapProbe heap) {
        AtomicLong read = new AtomicLong();
        long started = System.nanoTime();
        try (Sampler sampler = new Sampler(heap, read, started);
                StatementResult result = session.execute(query)) {
            while (result.hasNext()) {
                read.addAndGet(result.next().rowCount());
            }
            sampler.sample();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("full speed: %d rows in %.1f s (%.0f rows/s)%n", read.get(), seconds, read.get() / seconds);
    }

    private static void oneRowASecond(Session session, String query, ClusterHeapProbe heap, long seconds)
            throws InterruptedException {
        AtomicLong read = new AtomicLong();
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(seconds);
        try (Sampler sampler = new Sampler(heap, read, started);
                StatementResult result = session.execute(query)) {
            while (System.nanoTime() < deadline && result.hasNext()) {
                ColumnBatch batch = result.next();
                for (int row = 0; row < batch.rowCount() && System.nanoTime() < deadline; row++) {
                    batch.column(0).getObject(row);
                    read.incrementAndGet();
                    TimeUnit.MILLISECONDS.sleep(ONE_ROW.toMillis());
                }
            }
            sampler.sample();
        }
        System.out.printf("one row a second: %d rows in %d s, then closed%n", read.get(), seconds);
    }

    /** Prints the cluster's heap every few seconds while a reader runs. */
    private static final class Sampler implements AutoCloseable {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final ClusterHeapProbe heap;
        private final AtomicLong read;
        private final long started;

        Sampler(ClusterHeapProbe heap, AtomicLong read, long started) {
            this.heap = heap;
            this.read = read;
            this.started = started;
            timer.scheduleAtFixedRate(this::sample, SAMPLE_EVERY.toMillis(), SAMPLE_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        synchronized void sample() {
            if (!heap.isAlive()) {
                System.out.printf("  %5.1f s: %,d rows read; the cluster is gone%n", elapsed(), read.get());
                return;
            }
            System.out.printf("  %5.1f s: %,d rows read; cluster heap used %d MiB, retained %d MiB (of %d MiB)%n",
                    elapsed(), read.get(), heap.usedMib(), heap.retainedMib(), heap.committedMib());
        }

        private double elapsed() {
            return (System.nanoTime() - started) / 1e9;
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}
