package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.server.SharedServer.RunningServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ranger policies through the server with the Hive JDBC driver: users in different groups see different rows and
 * masks, the metadata calls list only what each may read, and an edited policy file holds from the next statement.
 */
@ExtendWith(SharedServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyJdbcIT {
    private RunningServer server;
    private String policies;

    @BeforeAll
    void createTablesAndPolicies(RunningServer shared) throws Exception {
        server = shared;
        try (Connection admin = connect("tester"); Statement statement = admin.createStatement()) {
            statement.execute("CREATE NAMESPACE IF NOT EXISTS jpol");
            statement.execute("CREATE NAMESPACE IF NOT EXISTS jpol_hidden");
            statement.execute("CREATE TABLE jpol.customers (id INT, name STRING, region STRING, phone STRING) "
                    + "USING iceberg");
            statement.execute("INSERT INTO jpol.customers VALUES (1, 'Ana', 'EU', '+351 21 555 0101'), "
                    + "(2, 'Ben', 'US', '+1 212 555 0102'), (3, 'Cleo', 'EU', '+33 1 5555 0103'), "
                    + "(4, 'Dan', 'US', '+1 415 555 0104')");
            statement.execute("CREATE TABLE jpol.payroll (id INT, salary INT) USING iceberg");
            statement.execute("CREATE TABLE jpol_hidden.t (x INT) USING iceberg");
        }
        try (InputStream in = getClass().getResourceAsStream("/policy/jdbc-policies.json")) {
            policies = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        writePolicies(policies);
    }

    @Test
    void usersInDifferentGroupsSeeDifferentRowsAndMasks() throws SQLException {
        assertThat(rows("alice", "SELECT id, phone FROM jpol.customers ORDER BY id")).containsExactly(
                List.of("1", "+xxx xx xxx 0101"), List.of("3", "+xx x xxxx 0103"));
        assertThat(rows("bob", "SELECT id, phone FROM jpol.customers ORDER BY id")).containsExactly(
                List.of("1", "+351 21 555 0101"), List.of("2", "+1 212 555 0102"), List.of("3", "+33 1 5555 0103"),
                List.of("4", "+1 415 555 0104"));
        assertThat(rows("alice", "SELECT name FROM jpol.customers WHERE region = 'US' OR 1 = 1 ORDER BY name"))
                .containsExactly(List.of("Ana"), List.of("Cleo"));
    }

    @Test
    void deniedStatementsFailWithSqlState42000AndAPlainMessage() {
        assertThatThrownBy(() -> rows("bob", "SELECT name FROM jpol.customers"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42000"))
                .hasMessageContaining("bob").hasMessageContaining("jpol.customers.name")
                .hasMessageNotContaining("Exception");
        assertThatThrownBy(() -> rows("alice", "SELECT * FROM jpol.payroll"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42000"));
    }

    @Test
    void metadataCallsListOnlyWhatTheUserMayRead() throws SQLException {
        try (Connection alice = connect("alice"); Connection bob = connect("bob")) {
            assertThat(names(alice.getMetaData().getSchemas(), "TABLE_SCHEM")).contains("jpol")
                    .doesNotContain("jpol_hidden");
            assertThat(names(alice.getMetaData().getTables(null, "jpol", "%", null), "TABLE_NAME"))
                    .containsExactly("customers");
            assertThat(names(alice.getMetaData().getColumns(null, "jpol", "customers", "%"), "COLUMN_NAME"))
                    .containsExactly("id", "name", "region", "phone");
            assertThat(names(bob.getMetaData().getColumns(null, "jpol", "customers", "%"), "COLUMN_NAME"))
                    .containsExactly("id", "region", "phone");
            assertThat(names(bob.getMetaData().getTables(null, "jpol%", "%", null), "TABLE_NAME"))
                    .containsExactly("customers");
        }
        try (Connection admin = connect("tester")) {
            assertThat(names(admin.getMetaData().getTables(null, "jpol", "%", null), "TABLE_NAME"))
                    .containsExactly("customers", "payroll");
        }
    }

    @Test
    void anEditedPolicyFileHoldsFromTheNextStatement() throws Exception {
        try (Connection alice = connect("alice"); Statement statement = alice.createStatement()) {
            assertThat(read(statement, "SELECT id FROM jpol.customers ORDER BY id")).containsExactly(
                    List.of("1"), List.of("3"));
            writePolicies(policies.replace("region = 'EU'", "region = 'US'"));
            assertThat(read(statement, "SELECT id FROM jpol.customers ORDER BY id")).containsExactly(
                    List.of("2"), List.of("4"));
        } finally {
            writePolicies(policies);
        }
    }

    private void writePolicies(String text) throws IOException {
        Path temporary = SharedServer.POLICY_FILE.resolveSibling("policies.json.tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, SharedServer.POLICY_FILE, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private Connection connect(String user) throws SQLException {
        return IsolatedDriver.HIVE_JDBC.connect(server.jdbcUrl("default", ""), user, "any password");
    }

    private List<List<String>> rows(String user, String query) throws SQLException {
        try (Connection connection = connect(user); Statement statement = connection.createStatement()) {
            return read(statement, query);
        }
    }

    private static List<List<String>> read(Statement statement, String query) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    row.add(result.getString(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<String> names(ResultSet listing, String column) throws SQLException {
        List<String> names = new ArrayList<>();
        try (listing) {
            while (listing.next()) {
                names.add(listing.getString(column));
            }
        }
        return names;
    }
}
