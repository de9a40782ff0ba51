package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution that {@code mvn package} builds, started with its own {@code bin/lakegate} as an operator would:
 * settings from the environment, clusters from its {@code lib/cluster}, the samples database on a new data directory,
 * and SIGTERM stops the server and its clusters.
 */
class DistributionIT {
    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final Duration CLUSTER_STOP_LIMIT = Duration.ofSeconds(30);

    @Test
    void servesSqlAndSamplesAndStopsWithItsClusters(@TempDir Path dataDir) throws Exception {
        Path distribution = Path.of(System.getProperty("lakegate.test.dist"));
        ProcessBuilder builder = new ProcessBuilder(distribution.resolve("bin").resolve("lakegate").toString());
        Map<String, String> environment = builder.environment();
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("LAKEGATE_DATA_DIR", dataDir.toString());
        environment.put("LAKEGATE_SERVER_PORT", "0");
        environment.put("LAKEGATE_SERVER_HTTP_PORT", "0");
        environment.put("LAKEGATE_OPTS", "-Dlakegate.cluster.local.master=local[2] -Dlakegate.cluster.local.memory=1g");
        try (ServerProcess server = new ServerProcess(builder)) {
            String url = server.awaitJdbcUrl(START_LIMIT);
            List<ProcessHandle> clusters = server.clusters();
            assertThat(clusters).hasSize(1);
            assertThat(clusters.get(0).info().commandLine()).get().asString()
                    .contains(distribution.resolve("lib").resolve("cluster").toString());

            // A new data directory gets the samples database before the server says it is ready.
            try (Connection connection = IsolatedDriver.HIVE_JDBC.connect(url, "operator", "pw");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT 1, (SELECT count(*) FROM samples.region), "
                            + "(SELECT count(*) FROM samples.nation), (SELECT count(*) FROM samples.lineitem)")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(1);
                assertThat(rows.getLong(2)).isEqualTo(5);
                assertThat(rows.getLong(3)).isEqualTo(25);
                // TPC-H at scale 0.01 has 60,175 line items.
                assertThat(rows.getLong(4)).isEqualTo(60_175);
            }
            assertThat(dataDir.resolve("work").resolve("samples-load")).doesNotExist();

            server.stopsOnSigterm();
            for (ProcessHandle cluster : clusters) {
                cluster.onExit().get(CLUSTER_STOP_LIMIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(cluster.isAlive()).as("cluster %s alive", cluster.pid()).isFalse();
            }
        }
    }
}
