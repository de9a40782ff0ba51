package io.lakegate.benchmarks.compare;

import io.lakegate.benchmarks.results.ClusterHeapProbe;
import io.lakegate.engine.cluster.Cluster;
import io.lakegate.engine.cluster.LocalClusterLauncher;
import io.lakegate.engine.cluster.LocalClusterSettings;
import io.lakegate.engine.connect.ConnectSession;
import io.lakegate.engine.connect.ConnectTimeouts;
import io.lakegate.engine.connect.ExecutionApproval;
import io.lakegate.engine.connect.ExecutionStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The same statements sent straight to a Lakegate cluster's Spark Connect endpoint, as the gateway sends them (the
 * paced-results command, unrestricted), with no gateway and no Thrift in between: what the gateway's own work is
 * measured against. Every value is read and checked, as the JDBC clients do.
 */
final class RawConnect implements AutoCloseable {
    private static final Duration START_LIMIT = Duration.ofMinutes(3);

    private final Cluster cluster;
    private final BufferAllocator allocator = new RootAllocator();
    private final MemoryWatch memory;

    private RawConnect(Cluster cluster) {
        this.cluster = cluster;
        this.memory = new MemoryWatch(Optional.empty(), Optional.of(ClusterHeapProbe.ofOnlyCluster()));
    }

    /** A local cluster of the distribution's runtime ({@code lib/cluster}), as the gateway starts it. */
    static RawConnect start(Path distribution, Path work, String cores, String memory) {
        LocalClusterSettings settings = new LocalClusterSettings(
                Path.of(System.getProperty("java.home"), "bin", "java"),
                distribution.resolve("lib").resolve("cluster") + "/*",
                "local[" + cores + "]",
                memory,
                List.of(),
                work,
                START_LIMIT,
                // The engine's own batch size; no catalog: range() needs none.
                Map.of("spark.connect.grpc.arrow.maxBatchSize", "4m",
                        "spark.sql.catalogImplementation", "in-memory"),
                new ConnectTimeouts(Duration.ofMinutes(2), Duration.ofMinutes(30), Duration.ofMinutes(5),
                        Duration.ofSeconds(20)));
        return new RawConnect(new LocalClusterLauncher(settings).launch("raw-connect"));
    }

    double firstSelectOneMillis() {
        long started = System.nanoTime();
        try (ConnectSession session = cluster.client().openSession("bench")) {
            selectOne(session);
        }
        return JdbcWorkloads.millisSince(started);
    }

    Map<String, Object> selectOne() {
        double[] millis = new double[JdbcWorkloads.SELECT_ONE_TIMED];
        try (ConnectSession session = cluster.client().openSession("bench")) {
            for (int run = 0; run < JdbcWorkloads.SELECT_ONE_WARM_UP; run++) {
                selectOne(session);
            }
            for (int run = 0; run < millis.length; run++) {
                long started = System.nanoTime();
                selectOne(session);
                millis[run] = JdbcWorkloads.millisSince(started);
            }
        }
        Map<String, Object> result = JdbcWorkloads.percentiles(millis);
        result.put("connectedP50Ms", JdbcWorkloads.medianOf(JdbcWorkloads.CONNECTIONS_TIMED,
                this::firstSelectOneMillis));
        return result;
    }

    private void selectOne(ConnectSession session) {
        try (ExecutionStream stream = execute(session, "SELECT 1")) {
            long rows = 0;
            while (stream.nextBatch()) {
                rows += stream.batch().getRowCount();
            }
            if (rows != 1) {
                throw new IllegalStateException("SELECT 1 answered " + rows + " rows");
            }
        }
    }

    Map<String, Object> range(long rows) {
        Map<String, Object> result = new LinkedHashMap<>();
        AtomicLong bytes = new AtomicLong();
        long started = System.nanoTime();
        try (MemoryWatch.Run watch = memory.start();
                ConnectSession session = cluster.client().openSession("bench")) {
            long read = read(session, rows, bytes, firstRow -> result.put("firstRowMs", firstRow));
            double seconds = JdbcWorkloads.millisSince(started) / 1000;
            result.put("status", "complete");
            result.put("rows", read);
            result.put("seconds", seconds);
            result.put("rowsPerSecond", read / seconds);
            result.put("arrowMib", bytes.get() / (1024.0 * 1024));
            result.putAll(watch.finish());
        }
        return result;
    }

    Map<String, Object> concurrent(int clients, long rows) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong total = new AtomicLong();
        List<Future<?>> outcomes = new ArrayList<>();
        long started = System.nanoTime();
        try (MemoryWatch.Run watch = memory.start()) {
            for (int client = 0; client < clients; client++) {
                outcomes.add(pool.submit(() -> {
                    try (ConnectSession session = cluster.client().openSession("bench")) {
                        total.addAndGet(read(session, rows, new AtomicLong(), firstRow -> { }));
                    }
                }));
            }
            List<String> errors = new ArrayList<>();
            for (Future<?> outcome : outcomes) {
                try {
                    outcome.get();
                } catch (ExecutionException e) {
                    errors.add(e.getCause().toString());
                }
            }
            return JdbcWorkloads.concurrentFigures(clients, rows, total.get(), started, errors, watch.finish());
        } finally {
            pool.shutdownNow();
        }
    }

    private long read(ConnectSession session, long rows, AtomicLong bytes,
            java.util.function.DoubleConsumer firstRow) {
        long started = System.nanoTime();
        long row = 0;
        try (ExecutionStream stream = execute(session, JdbcWorkloads.rangeQuery(rows))) {
            while (stream.nextBatch()) {
                VectorSchemaRoot batch = stream.batch();
                if (row == 0) {
                    firstRow.accept(JdbcWorkloads.millisSince(started));
                }
                BigIntVector ids = (BigIntVector) batch.getVector(0);
                VarCharVector texts = (VarCharVector) batch.getVector(1);
                Float8Vector times = (Float8Vector) batch.getVector(2);
                for (int index = 0; index < batch.getRowCount(); index++, row++) {
                    long id = ids.get(index);
                    String text = new String(texts.get(index), StandardCharsets.UTF_8);
                    if (id != row || !text.equals(Long.toString(id)) || times.get(index) != id * 1.5) {
                        throw new IllegalStateException("Row " + row + " is wrong: " + id);
                    }
                }
                bytes.addAndGet(batch.getFieldVectors().stream().mapToLong(FieldVector::getBufferSize).sum());
            }
        }
        if (row != rows) {
            throw new IllegalStateException(row + " rows instead of " + rows);
        }
        return row;
    }

    private ExecutionStream execute(ConnectSession session, String sql) {
        return session.execute(sql, UUID.randomUUID().toString(), ExecutionApproval.unrestrictedApproval(),
                allocator);
    }

    @Override
    public void close() {
        cluster.close();
        allocator.close();
    }
}
