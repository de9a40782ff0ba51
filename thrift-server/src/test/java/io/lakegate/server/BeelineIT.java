package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.server.SharedServer.RunningServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Hive's own beeline, unmodified, runs SQL files against the server over the binary transport with SASL PLAIN. */
@ExtendWith(SharedServer.class)
class BeelineIT {
    private static Beeline beeline;

    @BeforeAll
    static void findBeeline() throws IOException {
        beeline = Beeline.find();
    }

    @Test
    void runsASqlFile(RunningServer server, @TempDir Path directory) throws Exception {
        Path sql = Files.writeString(directory.resolve("trips.sql"), String.join("\n",
                "CREATE TABLE beeline_trips (city STRING, km INT) USING iceberg;",
                "INSERT INTO beeline_trips VALUES ('Lisbon', 3), ('Porto', 5), ('Lisbon', 1);",
                "SELECT city, sum(km) AS total FROM beeline_trips GROUP BY city ORDER BY city;",
                ""));

        Beeline.Run run = beeline.run(server.jdbcUrl("default", ""), "beeline", "pw", sql, directory);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.lines()).containsSubsequence("city,total", "Lisbon,4", "Porto,5");
        assertThat(run.output()).contains("2 rows selected");
    }

    @Test
    void stopsAtAFailingStatementWithItsErrorAndANonZeroExitCode(RunningServer server, @TempDir Path directory)
            throws Exception {
        Path sql = Files.writeString(directory.resolve("failing.sql"), String.join("\n",
                "SELECT * FROM beeline_no_such_table;",
                "SELECT 'never' || 'reached';",
                ""));

        Beeline.Run run = beeline.run(server.jdbcUrl("default", ""), "beeline", "pw", sql, directory);

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("TABLE_OR_VIEW_NOT_FOUND", "`beeline_no_such_table`", "state=42P01");
        assertThat(run.output()).doesNotContain("neverreached");
    }
}
