package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.server.SharedServer.RunningServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A session that stays open reads what is committed now, whatever other sessions did since it last read. */
@ExtendWith(SharedServer.class)
class TableFreshnessIT {
    private static final String TABLE = "default.freshness_t";

    @Test
    void aLongLivedSessionSeesEveryChangeAnotherSessionCommits(RunningServer server) throws SQLException {
        try (Connection reader = connect(server); Statement reading = reader.createStatement()) {
            write(server, "CREATE OR REPLACE TABLE " + TABLE + " USING iceberg AS SELECT '1' AS v");
            assertThat(values(reading)).containsExactly("1");
            write(server, "INSERT INTO " + TABLE + " VALUES ('2')");
            assertThat(values(reading)).containsExactly("1", "2");
            write(server, "CREATE OR REPLACE TABLE " + TABLE + " USING iceberg AS SELECT 'replaced' AS v");
            assertThat(values(reading)).containsExactly("replaced");
            write(server, "DROP TABLE " + TABLE);
            assertThatThrownBy(() -> values(reading)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("TABLE_OR_VIEW_NOT_FOUND");
            write(server, "CREATE TABLE " + TABLE + " (v STRING) USING iceberg");
            assertThat(values(reading)).isEmpty();
            write(server, "INSERT INTO " + TABLE + " VALUES ('re-created')");
            assertThat(values(reading)).containsExactly("re-created");
            write(server, "DROP TABLE " + TABLE);
        }
    }

    /** Each change comes from a session of its own, as each dbt run's does. */
    private static void write(RunningServer server, String sql) throws SQLException {
        try (Connection writer = connect(server); Statement statement = writer.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> values(Statement statement) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT v FROM " + TABLE + " ORDER BY v")) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static Connection connect(RunningServer server) throws SQLException {
        return IsolatedDriver.HIVE_JDBC.connect(server.jdbcUrl("default", ";auth=noSasl"), "tester", "ignored");
    }
}
