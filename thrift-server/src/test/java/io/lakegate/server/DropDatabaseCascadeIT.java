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

/** DROP DATABASE ... CASCADE drops the tables and views inside, then the namespace; policies decide on each. */
@ExtendWith(SharedServer.class)
class DropDatabaseCascadeIT {
    @Test
    void anAdministratorDropsADatabaseWithItsTablesAndViews(RunningServer server) throws SQLException {
        try (Connection admin = connect(server, "tester"); Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS cascade_full");
            statement.execute("CREATE TABLE cascade_full.t1 (id INT) USING iceberg");
            statement.execute("CREATE OR REPLACE TABLE cascade_full.`odd name` USING iceberg AS SELECT 1 AS id");
            statement.execute("CREATE VIEW cascade_full.v AS SELECT id FROM cascade_full.t1");
            assertThatThrownBy(() -> statement.execute("DROP DATABASE cascade_full"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("cascade_full");
            statement.execute("/* {\"app\": \"dbt\"} */\ndrop schema if exists cascade_full cascade");
            assertThat(names(statement, "SHOW DATABASES")).doesNotContain("cascade_full");
            statement.execute("DROP SCHEMA IF EXISTS cascade_full CASCADE");
            assertThatThrownBy(() -> statement.execute("DROP NAMESPACE lakehouse.cascade_full CASCADE"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("SCHEMA_NOT_FOUND");
            // Re-created, the database is empty: nothing was left behind in the catalog.
            statement.execute("CREATE SCHEMA cascade_full");
            assertThat(names(statement, "SHOW TABLES IN cascade_full")).isEmpty();
            statement.execute("DROP SCHEMA cascade_full");
        }
    }

    @Test
    void aUserThePoliciesDoNotLetDropItLeavesEverythingInPlace(RunningServer server) throws SQLException {
        try (Connection admin = connect(server, "tester"); Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS cascade_kept");
            statement.execute("CREATE TABLE IF NOT EXISTS cascade_kept.t (id INT) USING iceberg");
            try (Connection alice = connect(server, "alice"); Statement refused = alice.createStatement()) {
                assertThatThrownBy(() -> refused.execute("DROP DATABASE cascade_kept CASCADE"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("alice");
            }
            assertThat(names(statement, "SHOW TABLES IN cascade_kept")).containsExactly("t");
            statement.execute("DROP DATABASE cascade_kept CASCADE");
        }
    }

    /** The names a listing shows: its second column for tables (namespace, name, isTemporary), else the first. */
    private static List<String> names(Statement statement, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            int column = rows.getMetaData().getColumnCount() == 1 ? 1 : 2;
            while (rows.next()) {
                names.add(rows.getString(column));
            }
        }
        return names;
    }

    private static Connection connect(RunningServer server, String user) throws SQLException {
        return IsolatedDriver.HIVE_JDBC.connect(server.jdbcUrl("default", ";auth=noSasl"), user, "ignored");
    }
}
