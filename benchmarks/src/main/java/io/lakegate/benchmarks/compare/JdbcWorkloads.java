package io.lakegate.benchmarks.compare;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;

/**
 * The workloads every HiveServer2 under test gets through the same Hive JDBC driver, with every value read and
 * checked: {@code SELECT 1}, the BI-like mix, the range query, and concurrent readers of the range query.
 */
final class JdbcWorkloads {
    static final int SELECT_ONE_WARM_UP = 10;
    static final int SELECT_ONE_TIMED = 50;
    /** New connections timed warm, each with one SELECT 1: the warm figure the cold first statement compares with. */
    static final int CONNECTIONS_TIMED = 10;

    private final HiveJdbc driver;
    private final String url;
    private final MemoryWatch memory;
    private final LongUnaryOperator expectedId;

    /** @param expectedId the id the n-th row of a range result must hold (the stand-in server replays a cycle) */
    JdbcWorkloads(HiveJdbc driver, String url, MemoryWatch memory, LongUnaryOperator expectedId) {
        this.driver = driver;
        this.url = url;
        this.memory = memory;
        this.expectedId = expectedId;
    }

    static String rangeQuery(long rows) {
        return "SELECT id, CAST(id AS STRING), CAST(id AS DOUBLE) * 1.5 FROM range(" + rows + ")";
    }

    /** The first client's first statement, connection included: the cold figure. */
    double firstSelectOneMillis() throws SQLException {
        long started = System.nanoTime();
        try (Connection connection = driver.connect(url)) {
            selectOne(connection);
        }
        return millisSince(started);
    }

    Map<String, Object> selectOne() throws SQLException {
        double[] millis = new double[SELECT_ONE_TIMED];
        try (Connection connection = driver.connect(url)) {
            for (int run = 0; run < SELECT_ONE_WARM_UP; run++) {
                selectOne(connection);
            }
            for (int run = 0; run < millis.length; run++) {
                long started = System.nanoTime();
                selectOne(connection);
                millis[run] = millisSince(started);
            }
        }
        Map<String, Object> result = percentiles(millis);
        result.put("connectedP50Ms", medianOf(CONNECTIONS_TIMED, this::firstSelectOneMillis));
        return result;
    }

    @FunctionalInterface
    interface TimedRun<E extends Exception> {
        double millis() throws E;
    }

    static <E extends Exception> double medianOf(int runs, TimedRun<E> run) throws E {
        double[] millis = new double[runs];
        for (int index = 0; index < runs; index++) {
            millis[index] = run.millis();
        }
        return (double) percentiles(millis).get("p50Ms");
    }

    static Map<String, Object> percentiles(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("p50Ms", sorted[sorted.length / 2]);
        result.put("p90Ms", sorted[sorted.length * 9 / 10]);
        return result;
    }

    private static void selectOne(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT 1")) {
            if (!rows.next() || rows.getInt(1) != 1 || rows.next()) {
                throw new IllegalStateException("SELECT 1 did not answer one row of 1");
            }
        }
    }

    /** One pass of the BI-like mix on a new connection: milliseconds for the whole pass and for each statement. */
    Map<String, Object> biMix() throws SQLException {
        Map<String, Object> perStatement = new LinkedHashMap<>();
        long started = System.nanoTime();
        try (Connection connection = driver.connect(url)) {
            for (BiMix.Step step : BiMix.STEPS) {
                long stepStarted = System.nanoTime();
                step.run(connection);
                perStatement.put(step.name(), millisSince(stepStarted));
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("totalMs", millisSince(started));
        result.put("statements", perStatement);
        return result;
    }

    /** Reads {@code range(rows)} to the end or until the limit, checking every value. */
    Map<String, Object> range(long rows, Duration limit) {
        Map<String, Object> result = new LinkedHashMap<>();
        AtomicLong read = new AtomicLong();
        long started = System.nanoTime();
        try (MemoryWatch.Run watch = memory.start()) {
            try (Connection connection = driver.connect(url)) {
                boolean complete = read(connection, rows, limit, read, firstRow -> result.put("firstRowMs", firstRow));
                result.put("status", complete ? "complete" : "time limit of " + limit.toSeconds() + " s");
            } catch (SQLException | RuntimeException e) {
                result.put("status", "failed: " + e.getMessage());
            }
            double seconds = millisSince(started) / 1000;
            result.put("rows", read.get());
            result.put("seconds", seconds);
            result.put("rowsPerSecond", read.get() / seconds);
            result.putAll(watch.finish());
        }
        return result;
    }

    private boolean read(Connection connection, long rows, Duration limit, AtomicLong read,
            java.util.function.DoubleConsumer firstRow) throws SQLException {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(rangeQuery(rows))) {
            long row = 0;
            while (result.next()) {
                if (row == 0) {
                    firstRow.accept(millisSince(started));
                }
                check(result, row);
                row++;
                if (row % 10_000 == 0) {
                    read.set(row);
                    if (System.nanoTime() > deadline) {
                        return false;
                    }
                }
            }
            read.set(row);
            if (row != rows) {
                throw new IllegalStateException(row + " rows instead of " + rows);
            }
            return true;
        }
    }

    private void check(ResultSet result, long row) throws SQLException {
        long id = result.getLong(1);
        String text = result.getString(2);
        double times = result.getDouble(3);
        if (id != expectedId.applyAsLong(row) || !text.equals(Long.toString(id)) || times != id * 1.5) {
            throw new IllegalStateException("Row " + row + " is (" + id + ", " + text + ", " + times + ")");
        }
    }

    /** Clients on connections of their own, all reading {@code range(rows)} at once. */
    Map<String, Object> concurrent(int clients, long rows, Duration limit) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong total = new AtomicLong();
        List<Future<String>> outcomes = new ArrayList<>();
        long started = System.nanoTime();
        try (MemoryWatch.Run watch = memory.start()) {
            for (int client = 0; client < clients; client++) {
                outcomes.add(pool.submit(() -> {
                    AtomicLong read = new AtomicLong();
                    try (Connection connection = driver.connect(url)) {
                        return read(connection, rows, limit, read, firstRow -> { }) ? null : "time limit";
                    } catch (SQLException | RuntimeException e) {
                        return e.getMessage();
                    } finally {
                        total.addAndGet(read.get());
                    }
                }));
            }
            List<String> errors = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                try {
                    String error = outcome.get();
                    if (error != null) {
                        errors.add(error);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    errors.add(e.getCause().toString());
                }
            }
            return concurrentFigures(clients, rows, total.get(), started, errors, watch.finish());
        } finally {
            pool.shutdownNow();
        }
    }

    static Map<String, Object> concurrentFigures(int clients, long rowsPerClient, long rows, long startedNanos,
            List<String> errors, Map<String, Object> memory) {
        double seconds = millisSince(startedNanos) / 1000;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("clients", clients);
        result.put("rowsPerClient", rowsPerClient);
        result.put("rows", rows);
        result.put("seconds", seconds);
        result.put("rowsPerSecond", rows / seconds);
        result.put("errors", errors.size());
        if (!errors.isEmpty()) {
            result.put("firstError", errors.get(0));
        }
        result.putAll(memory);
        return result;
    }

    static double millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e6;
    }
}
