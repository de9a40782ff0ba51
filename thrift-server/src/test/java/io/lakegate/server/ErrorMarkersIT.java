package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.server.SharedServer.RunningServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The errors dbt-spark tells apart, by the markers it looks for in their text ({@code [SCHEMA_NOT_FOUND]},
 * {@code [TABLE_OR_VIEW_NOT_FOUND]}), with a SQLSTATE that fits: whether Spark, Iceberg or Lakegate's own catalog
 * raised them.
 */
@ExtendWith(SharedServer.class)
class ErrorMarkersIT {
    private static final String SCHEMA_NOT_FOUND = "[SCHEMA_NOT_FOUND]";
    private static final String TABLE_NOT_FOUND = "[TABLE_OR_VIEW_NOT_FOUND]";

    @Test
    void aMissingSchemaOrTableKeepsSparksErrorClassAndState(RunningServer server) throws SQLException {
        try (Connection connection = connect(server, "tester"); Statement statement = connection.createStatement()) {
            // dbt lists a schema it is about to create: this error tells it the schema is empty.
            assertError(statement, "/* {\"app\": \"dbt\"} */\nshow table extended in markers_missing like '*'",
                    SCHEMA_NOT_FOUND, "42704");
            assertError(statement, "show tables in markers_missing like '*'", SCHEMA_NOT_FOUND, "42704");
            assertError(statement, "describe extended markers_missing.t", TABLE_NOT_FOUND, "42P01");
            assertError(statement, "describe extended default.markers_no_table", TABLE_NOT_FOUND, "42P01");
            assertError(statement, "select * from default.markers_no_table", TABLE_NOT_FOUND, "42P01");
        }
    }

    @Test
    void lakegatesOwnCatalogAnswersWithTheSameMarkers(RunningServer server) throws SQLException {
        // A restricted user's SHOW TABLES is answered from the catalog as the user may see it, not by Spark.
        try (Connection connection = connect(server, "alice"); Statement statement = connection.createStatement()) {
            assertError(statement, "show tables in markers_missing like '*'", SCHEMA_NOT_FOUND, "42704");
        }
    }

    private static void assertError(Statement statement, String sql, String marker, String sqlState) {
        assertThatThrownBy(() -> statement.execute(sql)).as(sql).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getMessage()).as(sql).contains(marker).doesNotContain("Exception:", "\tat ");
            assertThat(e.getSQLState()).as(sql).isEqualTo(sqlState);
        });
    }

    private static Connection connect(RunningServer server, String user) throws SQLException {
        return IsolatedDriver.HIVE_JDBC.connect(server.jdbcUrl("default", ";auth=noSasl"), user, "ignored");
    }
}
