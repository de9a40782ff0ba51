package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * settings from the environment, a users file written by its {@code bin/lakegate-passwd}, clusters from its
 * {@code lib/cluster}, the samples database on a new data directory, and SIGTERM stops the server and its clusters.
 */
class DistributionIT {
    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final Duration CLUSTER_STOP_LIMIT = Duration.ofSeconds(30);

    @Test
    void servesSqlAndSamplesAndStopsWithItsClusters(@TempDir Path dataDir) throws Exception {
        Path distribution = Path.of(System.getProperty("lakegate.test.dist"));
        Path users = dataDir.resolve("users.passwd");
        ProcessBuilder addUser = new ProcessBuilder(distribution.resolve("bin").resolve("lakegate-passwd").toString(),
                users.toString(), "operator").redirectErrorStream(true);
        addUser.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process passwd = addUser.start();
        passwd.getOutputStream().write("operator's password\n".getBytes(StandardCharsets.UTF_8));
        passwd.getOutputStream().close();
        assertThat(passwd.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(new String(passwd.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("Added operator");
        assertThat(Files.readString(users)).startsWith("operator:{bcrypt}").doesNotContain("password");

        ProcessBuilder builder = new ProcessBuilder(distribution.resolve("bin").resolve("lakegate").toString());
        Map<String, String> environment = builder.environment();
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("LAKEGATE_DATA_DIR", dataDir.toString());
        environment.put("LAKEGATE_SERVER_PORT", "0");
        environment.put("LAKEGATE_SERVER_HTTP_PORT", "0");
        environment.put("LAKEGATE_AUTH_MECHANISMS", "FILE");
        environment.put("LAKEGATE_AUTH_FILE_PATH", users.toString());
        environment.put("LAKEGATE_OPTS", "-Dlakegate.cluster.local.master=local[2] -Dlakegate.cluster.local.memory=1g");
        try (ServerProcess server = new ServerProcess(builder)) {
            String url = server.awaitJdbcUrl(START_LIMIT);
            List<ProcessHandle> clusters = server.clusters();
            assertThat(clusters).hasSize(1);
            assertThat(clusters.get(0).info().commandLine()).get().asString()
                    .contains(distribution.resolve("lib").resolve("cluster").toString());

            // A new data directory gets the samples database before the server says it is ready.
            assertThatThrownBy(() -> IsolatedDriver.HIVE_JDBC.connect(url, "operator", "pw"))
                    .hasMessageContaining("Authentication failed");
            try (Connection connection = IsolatedDriver.HIVE_JDBC.connect(url, "operator", "operator's password");
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
