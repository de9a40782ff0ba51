package io.lakegate.benchmarks.compare;

import io.lakegate.benchmarks.results.ClusterHeapProbe;
import io.lakegate.engine.cluster.LocalClusterLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The built distribution started with its own {@code bin/lakegate}, default settings but for a fresh data directory,
 * ephemeral ports, the gateway heap of the issue (512 MB) and a cluster of the same cores and heap as Spark's Thrift
 * server gets. It is ready once it prints its JDBC URL, after "Lakegate is ready." (samples loaded, cluster up).
 */
final class LakegateDistribution implements AutoCloseable {
    private static final Pattern JDBC_URL = Pattern.compile("JDBC URL:\\s+(jdbc:hive2://\\S+)");
    private static final Duration START_LIMIT = Duration.ofMinutes(5);
    private static final String CLUSTER_MARKER = "-D" + LocalClusterLauncher.CLUSTER_ID_PROPERTY + "=";

    private final ChildProcess process;
    private final String url;

    private LakegateDistribution(ChildProcess process, String url) {
        this.process = process;
        this.url = url;
    }

    /** The distribution that {@code mvn package} leaves in {@code thrift-server/target/lakegate-<version>/}. */
    static Path find(Path repository) throws IOException {
        Path target = repository.resolve("thrift-server").resolve("target");
        try (Stream<Path> candidates = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
            return candidates.filter(path -> path.getFileName().toString().startsWith("lakegate-")
                            && Files.isExecutable(path.resolve("bin").resolve("lakegate")))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No distribution in " + target + "; build it with "
                            + "mvn -B -o -pl thrift-server -am package -DskipTests"));
        }
    }

    static LakegateDistribution start(Path distribution, Path work, String clusterCores, String clusterMemory,
            Optional<Path> recording) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(distribution.resolve("bin").resolve("lakegate").toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("LAKEGATE_OPTS", String.join(" ",
                "-Xmx512m",
                "-Dlakegate.server.port=0",
                "-Dlakegate.server.http.port=0",
                "-Dlakegate.data.dir=" + work.resolve("data"),
                "-Dlakegate.cluster.local.master=local[" + clusterCores + "]",
                "-Dlakegate.cluster.local.memory=" + clusterMemory,
                // The gateway's own profile: the cluster's work shows in raw Connect's figures.
                recording.map(file -> "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + file)
                        .orElse("")));
        ChildProcess process = ChildProcess.start(builder, work.resolve("lakegate.log"));
        try {
            return new LakegateDistribution(process, process.awaitLine(JDBC_URL, START_LIMIT));
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.close();
            throw e;
        }
    }

    /** The printed URL with the client options the harness adds ({@code ;auth=noSasl;fetchSize=...}). */
    String url(String options) {
        return url + options;
    }

    MemoryWatch memory() {
        Optional<ClusterHeapProbe> cluster = process.descendants(CLUSTER_MARKER).findFirst()
                .map(handle -> ClusterHeapProbe.of(handle.pid()));
        return new MemoryWatch(Optional.of(ClusterHeapProbe.of(process.pid())), cluster);
    }

    @Override
    public void close() {
        process.close();
    }
}
