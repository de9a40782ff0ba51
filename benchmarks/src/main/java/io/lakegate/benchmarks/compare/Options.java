package io.lakegate.benchmarks.compare;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link SideBySideHarness} runs. The full run is the (1 M, 10 M, 100 M rows; 50 clients of 1 M rows);
 * {@code --quick} is a run of about ten minutes that shows every phase works (smaller results, five clients).
 */
record Options(
        List<Long> rows,
        int clients,
        long clientRows,
        Duration timeLimit,
        Set<String> phases,
        String cores,
        String clusterMemory,
        Path repository,
        Path stsLib,
        Path hiveJdbc,
        Path out,
        Optional<Path> recording) {

    static final String USAGE = "SideBySideHarness [--quick] [--rows 1000000,10000000,100000000] [--clients 50] "
            + "[--client-rows 1000000] [--time-limit-seconds 900] [--phases lakegate,sts,raw-connect,client-limit] "
            + "[--cores 2] [--cluster-memory 2g] [--repository .] [--sts-lib benchmarks/sts/target/lib] "
            + "[--hive-jdbc <hive-jdbc-4.1.0-standalone.jar>] [--out benchmarks/target/compare-<time>.json] [--jfr]";

    static Options parse(String[] args, String stamp) {
        Map<String, String> given = new LinkedHashMap<>();
        boolean quick = false;
        boolean profile = false;
        for (int index = 0; index < args.length; index++) {
            if (args[index].equals("--quick")) {
                quick = true;
            } else if (args[index].equals("--jfr")) {
                profile = true;
            } else if (args[index].startsWith("--") && index + 1 < args.length) {
                given.put(args[index].substring(2), args[++index]);
            } else {
                throw new IllegalArgumentException("Unknown argument " + args[index] + "; usage: " + USAGE);
            }
        }
        Path repository = Path.of(given.getOrDefault("repository", ".")).toAbsolutePath().normalize();
        Options options = new Options(
                Arrays.stream(given.getOrDefault("rows", quick ? "100000,1000000" : "1000000,10000000,100000000")
                        .split(",")).map(Long::parseLong).sorted().toList(),
                Integer.parseInt(given.getOrDefault("clients", quick ? "5" : "50")),
                Long.parseLong(given.getOrDefault("client-rows", quick ? "100000" : "1000000")),
                Duration.ofSeconds(Long.parseLong(given.getOrDefault("time-limit-seconds", quick ? "180" : "900"))),
                Set.copyOf(Arrays.asList(given.getOrDefault("phases",
                        String.join(",", Report.LAKEGATE, Report.STS, Report.RAW, Report.LIMIT)).split(","))),
                given.getOrDefault("cores", "2"),
                given.getOrDefault("cluster-memory", "2g"),
                repository,
                Path.of(given.getOrDefault("sts-lib", repository.resolve("benchmarks/sts/target/lib").toString())),
                Path.of(given.getOrDefault("hive-jdbc", HiveJdbc.DEFAULT_JAR.toString())),
                Path.of(given.getOrDefault("out",
                        repository.resolve("benchmarks/target/compare-" + stamp + ".json").toString())),
                profile ? Optional.of(repository.resolve("benchmarks/target/lakegate-" + stamp + ".jfr"))
                        : Optional.empty());
        given.keySet().removeAll(Set.of("rows", "clients", "client-rows", "time-limit-seconds", "phases", "cores",
                "cluster-memory", "repository", "sts-lib", "hive-jdbc", "out"));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("Unknown options " + given.keySet() + "; usage: " + USAGE);
        }
        return options;
    }

    Map<String, Object> describe() {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("rows", rows);
        described.put("clients", clients);
        described.put("clientRows", clientRows);
        described.put("timeLimitSeconds", timeLimit.toSeconds());
        described.put("cores", cores);
        described.put("clusterMemory", clusterMemory);
        described.put("gatewayHeap", "512m");
        described.put("fetchSize", SideBySideHarness.FETCH_SIZE);
        return described;
    }
}
