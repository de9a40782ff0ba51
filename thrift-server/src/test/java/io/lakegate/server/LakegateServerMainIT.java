package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The server as its own process: it prints a JDBC URL that works, and SIGTERM stops it cleanly. */
class LakegateServerMainIT {
    private static final Duration START_LIMIT = Duration.ofMinutes(2);

    @Test
    void printsAWorkingJdbcUrlAndStopsOnSigterm() throws Exception {
        Path dataDir = Path.of("target", "main-it-data").toAbsolutePath();
        try (ServerProcess server = ServerProcess.main(dataDir)) {
            String url = server.awaitJdbcUrl(START_LIMIT);
            try (Connection connection = IsolatedDriver.HIVE_JDBC.connect(url, "main", "pw");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT 40 + 2")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
            }
            server.stopsOnSigterm();
        }
    }
}
