package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The server as its own process: it warms up, prints a JDBC URL that works, and SIGTERM stops it cleanly. */
class LakegateServerMainIT {
    private static final Duration START_LIMIT = Duration.ofMinutes(2);
    private static final int LATER_CLIENTS = 10;

    @Test
    void printsAWorkingJdbcUrlAndStopsOnSigterm() throws Exception {
        Path dataDir = Path.of("target", "main-it-data").toAbsolutePath();
        try (ServerProcess server = ServerProcess.main(dataDir, true)) {
            String url = server.awaitJdbcUrl(START_LIMIT);
            // The first client right after "ready", then later ones: what warming up at start is for.
            long[] nanos = new long[LATER_CLIENTS + 1];
            for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                assertThat(clientQuery(url)).isEqualTo(42);
                nanos[i] = System.nanoTime() - start;
            }
            long first = nanos[0];
            Arrays.sort(nanos, 1, nanos.length);
            System.out.printf("First client (connect + SELECT): %.1f ms; later clients p50: %.1f ms%n", first / 1e6,
                    nanos[1 + LATER_CLIENTS / 2] / 1e6);
            server.stopsOnSigterm();
        }
    }

    private static int clientQuery(String url) throws Exception {
        try (Connection connection = IsolatedDriver.HIVE_JDBC.connect(url, "main", "pw");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT 40 + 2")) {
            assertThat(rows.next()).isTrue();
            return rows.getInt(1);
        }
    }
}
