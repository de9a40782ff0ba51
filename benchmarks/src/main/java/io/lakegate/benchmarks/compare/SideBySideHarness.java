package io.lakegate.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

/**
 * Issue 11's side-by-side run, one command: the same workloads through the unmodified Hive JDBC driver against the
 * Lakegate distribution, Spark's Thrift server 3.5.4 and a stand-in server that only replays answers (the client's
 * limit), and the same statements straight to a cluster's Spark Connect endpoint. The phases run one after the
 * other, each server stopped before the next starts, so that no two share the cores. Not a test: nothing in the
 * build runs it. Usage: see {@link Options#USAGE}.
 */
public final class SideBySideHarness {
    static final int FETCH_SIZE = 10_000;
    /** Spark's Thrift server does not suggest a fetch size (HIVE-23005), so every URL sets one. */
    private static final String CLIENT_OPTIONS = ";auth=noSasl;fetchSize=" + FETCH_SIZE;
    private static final LongUnaryOperator SAME_ID = row -> row;
    private static final int CLIENT_WARM_UP_READS = 10;
    private static final long CLIENT_WARM_UP_ROWS = 2_000_000;

    private final Options options;
    private final HiveJdbc driver;
    private final Path work;

    private SideBySideHarness(Options options, Path work) {
        this.options = options;
        this.driver = HiveJdbc.load(options.hiveJdbc());
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Instant started = Instant.now();
        Options options = Options.parse(args,
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started));
        Path work = Files.createTempDirectory("lakegate-compare");
        Map<String, Object> results = new LinkedHashMap<>();
        Map<String, Object> machine = Machine.describe(started, options);
        results.put("run", machine);
        boolean failed = new SideBySideHarness(options, work).run(results);
        machine.put("loadAverageAtEnd", Machine.loadAverage());
        Report report = new Report(results);
        System.out.println();
        System.out.println(report.table(options.rows()));
        report.writeJson(options.out());
        System.out.println("JSON: " + options.out());
        options.recording().ifPresent(recording -> System.out.println("Gateway's JFR recording: " + recording));
        if (failed) {
            System.out.println("A phase failed; its logs are in " + work);
        } else {
            ChildProcess.deleteTree(work);
        }
    }

    /** Runs every phase asked for; a phase that fails is recorded as such and the others still run. */
    private boolean run(Map<String, Object> results) throws Exception {
        Path distribution = LakegateDistribution.find(options.repository());
        warmClient();
        boolean failed = false;
        failed |= phase(results, Report.LAKEGATE, () -> lakegate(distribution));
        failed |= phase(results, Report.STS, this::sparkThriftServer);
        failed |= phase(results, Report.RAW, () -> rawConnect(distribution));
        failed |= phase(results, Report.LIMIT, this::clientLimit);
        return failed;
    }

    @FunctionalInterface
    private interface Phase {
        Map<String, Object> run() throws Exception;
    }

    private boolean phase(Map<String, Object> results, String name, Phase phase) {
        if (!options.phases().contains(name)) {
            return false;
        }
        System.out.printf("%s: %s%n", Instant.now(), name);
        try {
            results.put(name, phase.run());
            System.out.printf("%s: %s done: %s%n", Instant.now(), name, results.get(name));
            return false;
        } catch (Exception e) {
            System.out.printf("%s: %s failed: %s%n", Instant.now(), name, e);
            results.put(name, Map.of("failed", String.valueOf(e)));
            return true;
        }
    }

    private Map<String, Object> lakegate(Path distribution) throws Exception {
        Path home = work.resolve(Report.LAKEGATE);
        // The first start on a new data directory loads the samples; the measured start finds them in place.
        LakegateDistribution.start(distribution, home, options.cores(), options.clusterMemory(), Optional.empty())
                .close();
        long starting = System.nanoTime();
        try (LakegateDistribution server =
                LakegateDistribution.start(distribution, home, options.cores(), options.clusterMemory(),
                        options.recording())) {
            double startSeconds = JdbcWorkloads.millisSince(starting) / 1000;
            Map<String, Object> result = jdbc(new JdbcWorkloads(driver, server.url(CLIENT_OPTIONS), server.memory(),
                    SAME_ID), true);
            result.put("startSeconds", startSeconds);
            result.put("rangeNoFetchSize", new JdbcWorkloads(driver, server.url(";auth=noSasl"), server.memory(),
                    SAME_ID).range(options.rows().get(0), options.timeLimit()));
            return result;
        }
    }

    private Map<String, Object> sparkThriftServer() throws Exception {
        Path home = work.resolve(Report.STS);
        // As for Lakegate: the samples go into the metastore first, then a fresh start is measured.
        try (SparkThriftServer loading =
                SparkThriftServer.start(options.stsLib(), home, options.cores(), options.clusterMemory());
                Connection connection = driver.connect(loading.url(CLIENT_OPTIONS))) {
            StsSamples.load(connection, home.resolve("samples-load"));
        }
        long starting = System.nanoTime();
        try (SparkThriftServer server =
                SparkThriftServer.start(options.stsLib(), home, options.cores(), options.clusterMemory())) {
            double startSeconds = JdbcWorkloads.millisSince(starting) / 1000;
            Map<String, Object> result = jdbc(new JdbcWorkloads(driver, server.url(CLIENT_OPTIONS), server.memory(),
                    SAME_ID), true);
            result.put("startSeconds", startSeconds);
            result.put("aliveAtEnd", server.isAlive());
            return result;
        }
    }

    private Map<String, Object> rawConnect(Path distribution) throws Exception {
        long starting = System.nanoTime();
        try (RawConnect connect = RawConnect.start(distribution, work.resolve(Report.RAW), options.cores(),
                options.clusterMemory())) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("startSeconds", JdbcWorkloads.millisSince(starting) / 1000);
            result.put("coldFirstSelectOneMs", connect.firstSelectOneMillis());
            result.put("rangeCold", connect.range(options.rows().get(0)));
            result.put("selectOne", connect.selectOne());
            result.put("concurrent", connect.concurrent(options.clients(), options.clientRows()));
            Map<String, Object> ranges = new LinkedHashMap<>();
            for (long rows : options.rows()) {
                ranges.put(Long.toString(rows), connect.range(rows));
            }
            result.put("range", ranges);
            return result;
        }
    }

    /**
     * Reads from the stand-in server until Hive JDBC's decoding is compiled, so that the first server measured does
     * not pay for the client's warm-up in its figures while the later ones meet a warm client.
     */
    private void warmClient() throws Exception {
        System.out.printf("%s: warming the client%n", Instant.now());
        try (ReplayServer server = new ReplayServer()) {
            JdbcWorkloads workloads = new JdbcWorkloads(driver, server.url(CLIENT_OPTIONS), MemoryWatch.none(),
                    ReplayServer::expectedId);
            for (int run = 0; run < CLIENT_WARM_UP_READS; run++) {
                Map<String, Object> read = workloads.range(CLIENT_WARM_UP_ROWS, options.timeLimit());
                if (!"complete".equals(read.get("status"))) {
                    throw new IllegalStateException("The client's warm-up read failed: " + read);
                }
            }
        }
    }

    private Map<String, Object> clientLimit() throws Exception {
        try (ReplayServer server = new ReplayServer()) {
            return jdbc(new JdbcWorkloads(driver, server.url(CLIENT_OPTIONS), MemoryWatch.none(),
                    ReplayServer::expectedId), false);
        }
    }

    /**
     * The JDBC workloads in the same order on every server: cold figures first (the first client right after the
     * server is ready), then warm ones; the concurrent clients before the largest results, which may end a server.
     */
    private Map<String, Object> jdbc(JdbcWorkloads workloads, boolean biMix) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("coldFirstSelectOneMs", workloads.firstSelectOneMillis());
        if (biMix) {
            result.put("biMixCold", workloads.biMix());
        }
        result.put("rangeCold", workloads.range(options.rows().get(0), options.timeLimit()));
        result.put("selectOne", workloads.selectOne());
        if (biMix) {
            result.put("biMixWarm", workloads.biMix());
        }
        result.put("concurrent", workloads.concurrent(options.clients(), options.clientRows(), options.timeLimit()));
        Map<String, Object> ranges = new LinkedHashMap<>();
        for (long rows : options.rows()) {
            System.out.printf("%s:   range %d%n", Instant.now(), rows);
            ranges.put(Long.toString(rows), workloads.range(rows, options.timeLimit()));
        }
        result.put("range", ranges);
        return result;
    }
}
