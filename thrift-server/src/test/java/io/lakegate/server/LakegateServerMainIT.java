package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The server as its own process: it prints a JDBC URL that works, and SIGTERM stops it cleanly. */
class LakegateServerMainIT {
    private static final Duration START_LIMIT = Duration.ofMinutes(2);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(60);
    private static final Pattern JDBC_URL = Pattern.compile("JDBC URL:\\s+(jdbc:hive2://\\S+)");

    @Test
    void printsAWorkingJdbcUrlAndStopsOnSigterm() throws Exception {
        Path dataDir = Path.of("target", "main-it-data").toAbsolutePath();
        Process server = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-Dlakegate.data.dir=" + dataDir,
                "-Dlakegate.server.port=0",
                "-Dlakegate.server.http.port=0",
                "-Dlakegate.cluster.local.master=local[1]",
                "-Dlakegate.cluster.local.memory=1g",
                "-Dlakegate.conf.file=" + dataDir.resolve("absent.properties"),
                "-cp", System.getProperty("java.class.path"),
                LakegateServerMain.class.getName()))
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            String url = awaitJdbcUrl(out, server);
            try (Connection connection = IsolatedDriver.HIVE_JDBC.connect(url, "main", "pw");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT 40 + 2")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
            }
            server.destroy();
            assertThat(server.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)).as("stopped within %s", STOP_LIMIT)
                    .isTrue();
            // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited as a terminated process does.
            assertThat(server.exitValue()).isEqualTo(143);
        } finally {
            server.destroyForcibly();
        }
    }

    /**
     * Reads the server's output until it prints the JDBC URL. A server that prints nothing more would block the read
     * forever, so a watchdog kills it at the deadline, which ends the read.
     */
    private static String awaitJdbcUrl(BufferedReader out, Process server) throws Exception {
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        try {
            watchdog.schedule(server::destroyForcibly, START_LIMIT.toSeconds(), TimeUnit.SECONDS);
            for (String line; (line = out.readLine()) != null; ) {
                Matcher matcher = JDBC_URL.matcher(line);
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
        } finally {
            watchdog.shutdownNow();
        }
        throw new AssertionError("The server ended (exit " + server.waitFor() + ") without printing a JDBC URL "
                + "within " + START_LIMIT);
    }
}
