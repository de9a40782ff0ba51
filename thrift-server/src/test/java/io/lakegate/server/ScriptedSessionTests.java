package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.server.SharedServer.RunningServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The scripted session every client must get through unchanged: tables of every type, metadata, cancel, timeout,
 * errors and the current database. Subclasses say how the client connects.
 */
@ExtendWith(SharedServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScriptedSessionTests {
    /** Minutes of work for two cores; the tests only need it to outlast a cancel or a timeout. */
    private static final String LONG_QUERY = "SELECT sum(id % 7) FROM range(0, 1000000000000)";
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);
    private static final List<String> COLUMNS = List.of("c_boolean", "c_tinyint", "c_smallint", "c_int", "c_bigint",
            "c_float", "c_double", "c_decimal", "c_string", "c_varchar", "c_char", "c_date", "c_timestamp",
            "c_binary", "c_array", "c_map", "c_struct");

    private RunningServer server;
    private Connection connection;

    /** Connects to a database of the server the way the client under test does. */
    abstract Connection connect(RunningServer server, String database) throws SQLException;

    /** Names of this class's tables and databases, so that classes sharing the server do not collide. */
    abstract String suffix();

    @BeforeAll
    void connectAndCreateTables(RunningServer shared) throws SQLException {
        server = shared;
        connection = connect("default");
        execute("CREATE TABLE " + typesTable() + " (c_boolean BOOLEAN, c_tinyint TINYINT, c_smallint SMALLINT, "
                + "c_int INT, c_bigint BIGINT, c_float FLOAT, c_double DOUBLE, c_decimal DECIMAL(38,10), "
                + "c_string STRING, c_varchar VARCHAR(10), c_char CHAR(5), c_date DATE, c_timestamp TIMESTAMP, "
                + "c_binary BINARY, c_array ARRAY<INT>, c_map MAP<STRING,INT>, c_struct STRUCT<a:INT,b:STRING>) "
                + "USING iceberg COMMENT 'every type'");
        execute("INSERT INTO " + typesTable() + " VALUES (true, 7, 300, 70000, 9000000000, 1.5, 2.25, "
                + "12345678901234567890.0123456789, 'hello', 'var', 'ch', DATE '2024-02-29', "
                + "TIMESTAMP '2024-02-29 13:14:15.123456', X'CAFE', array(1, 2, 3), map('a', 1, 'b', 2), "
                + "named_struct('a', 1, 'b', 'x')), "
                + "(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
                + "NULL)");
        execute("CREATE NAMESPACE IF NOT EXISTS " + otherDatabase());
        execute("CREATE TABLE " + otherDatabase() + ".numbers (n INT) USING iceberg");
        execute("INSERT INTO " + otherDatabase() + ".numbers VALUES (42), (41)");
    }

    @AfterAll
    void disconnect() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }

    @Test
    void readsEveryColumnType() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT * FROM " + typesTable() + " ORDER BY c_int NULLS LAST")) {
            ResultSetMetaData metadata = rows.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= metadata.getColumnCount(); i++) {
                names.add(metadata.getColumnName(i));
            }
            assertThat(names).containsExactlyElementsOf(COLUMNS);
            assertThat(metadata.getColumnType(8)).isEqualTo(Types.DECIMAL);
            assertThat(metadata.getPrecision(8)).isEqualTo(38);
            assertThat(metadata.getScale(8)).isEqualTo(10);
            assertThat(metadata.getColumnTypeName(15)).isEqualToIgnoringCase("array");

            assertThat(rows.next()).isTrue();
            assertThat(rows.getBoolean("c_boolean")).isTrue();
            assertThat(rows.getByte("c_tinyint")).isEqualTo((byte) 7);
            assertThat(rows.getShort("c_smallint")).isEqualTo((short) 300);
            assertThat(rows.getInt("c_int")).isEqualTo(70000);
            assertThat(rows.getLong("c_bigint")).isEqualTo(9_000_000_000L);
            assertThat(rows.getFloat("c_float")).isEqualTo(1.5f);
            assertThat(rows.getDouble("c_double")).isEqualTo(2.25);
            assertThat(rows.getBigDecimal("c_decimal")).isEqualTo(new BigDecimal("12345678901234567890.0123456789"));
            assertThat(rows.getString("c_string")).isEqualTo("hello");
            assertThat(rows.getString("c_varchar")).isEqualTo("var");
            // Iceberg has no CHAR type: Spark stores CHAR(5) as a string and reads it back unpadded.
            assertThat(rows.getString("c_char")).isEqualTo("ch");
            assertThat(rows.getDate("c_date")).isEqualTo(Date.valueOf("2024-02-29"));
            assertThat(rows.getTimestamp("c_timestamp")).isEqualTo(Timestamp.valueOf("2024-02-29 13:14:15.123456"));
            // The Hive driver reads binary only through getObject.
            assertThat(rows.getObject("c_binary")).isEqualTo(new byte[] {(byte) 0xCA, (byte) 0xFE});
            assertThat(rows.getString("c_array")).isEqualTo("[1,2,3]");
            assertThat(rows.getString("c_map")).isEqualTo("{\"a\":1,\"b\":2}");
            assertThat(rows.getString("c_struct")).isEqualTo("{\"a\":1,\"b\":\"x\"}");

            assertThat(rows.next()).isTrue();
            for (String column : COLUMNS) {
                assertThat(rows.getObject(column)).as(column).isNull();
                assertThat(rows.wasNull()).as(column).isTrue();
            }
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void fetchesAResultLargerThanOneFetchInOrder() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(1000);
            long expected = 0;
            try (ResultSet rows = statement.executeQuery("SELECT id FROM range(0, 25000) ORDER BY id")) {
                while (rows.next()) {
                    assertThat(rows.getLong(1)).isEqualTo(expected++);
                }
            }
            assertThat(expected).isEqualTo(25000);
        }
    }

    @Test
    void listsSchemasTablesColumnsAndTypes() throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        assertThat(metadata.getDatabaseProductName()).isEqualTo("Spark SQL");
        assertThat(column(metadata.getSchemas(), "TABLE_SCHEM")).contains("default", otherDatabase());

        try (ResultSet tables = metadata.getTables(null, "def%", "types\\_" + suffix(), new String[] {"TABLE"})) {
            assertThat(tables.next()).isTrue();
            assertThat(tables.getString("TABLE_SCHEM")).isEqualTo("default");
            assertThat(tables.getString("TABLE_NAME")).isEqualTo(typesTable());
            assertThat(tables.getString("TABLE_TYPE")).isEqualTo("TABLE");
            assertThat(tables.getString("REMARKS")).isEqualTo("every type");
            assertThat(tables.next()).isFalse();
        }
        assertThat(column(metadata.getTables(null, "default", typesTable(), new String[] {"VIEW"}), "TABLE_NAME"))
                .isEmpty();

        try (ResultSet columns = metadata.getColumns(null, "default", typesTable(), "%")) {
            List<String> names = new ArrayList<>();
            while (columns.next()) {
                names.add(columns.getString("COLUMN_NAME"));
                assertThat(columns.getInt("ORDINAL_POSITION")).isEqualTo(names.size());
                switch (columns.getString("COLUMN_NAME")) {
                    case "c_int" -> {
                        assertThat(columns.getInt("DATA_TYPE")).isEqualTo(Types.INTEGER);
                        assertThat(columns.getInt("COLUMN_SIZE")).isEqualTo(10);
                    }
                    case "c_decimal" -> {
                        assertThat(columns.getInt("DATA_TYPE")).isEqualTo(Types.DECIMAL);
                        assertThat(columns.getString("TYPE_NAME")).isEqualTo("decimal(38,10)");
                        assertThat(columns.getInt("COLUMN_SIZE")).isEqualTo(38);
                        assertThat(columns.getInt("DECIMAL_DIGITS")).isEqualTo(10);
                    }
                    case "c_map" -> assertThat(columns.getString("TYPE_NAME")).isEqualTo("map<string,int>");
                    case "c_timestamp" -> assertThat(columns.getInt("DATA_TYPE")).isEqualTo(Types.TIMESTAMP);
                    default -> { }
                }
            }
            assertThat(names).containsExactlyElementsOf(COLUMNS);
        }
        assertThat(column(metadata.getColumns(null, "default", typesTable(), "c\\_d%"), "COLUMN_NAME"))
                .containsExactly("c_double", "c_decimal", "c_date");
        assertThat(column(metadata.getTypeInfo(), "TYPE_NAME")).contains("INT", "DECIMAL", "STRING", "ARRAY");
        assertThat(column(metadata.getTableTypes(), "TABLE_TYPE")).containsExactly("TABLE", "VIEW");
        assertThat(column(metadata.getFunctions(null, null, "%"), "FUNCTION_NAME")).isEmpty();
        assertThat(column(metadata.getPrimaryKeys(null, "default", typesTable()), "COLUMN_NAME")).isEmpty();
    }

    @Test
    void cancelFromAnotherThreadStopsALongStatement() throws Exception {
        try (Statement statement = connection.createStatement()) {
            CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return statement.execute(LONG_QUERY);
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            awaitServerHandle(statement, running);
            statement.cancel();
            assertThatThrownBy(() -> running.get(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
            assertThatThrownBy(running::get).isInstanceOf(ExecutionException.class).rootCause()
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("cancelled");
        }
        assertThat(queryLong("SELECT count(*) FROM range(1000)")).isEqualTo(1000L);
    }

    @Test
    void aQueryTimeoutStopsTheStatement() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            long started = System.nanoTime();
            assertThatThrownBy(() -> statement.execute(LONG_QUERY)).isInstanceOf(SQLTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(STOP_LIMIT);
        }
        assertThat(queryLong("SELECT count(*) FROM range(10)")).isEqualTo(10L);
    }

    @Test
    void aFailingStatementReportsItsSqlState() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM no_such_table_" + suffix()))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("42P01");
                        assertThat(e.getMessage()).contains("no_such_table_" + suffix()).doesNotContain("\tat ");
                    });
        }
        assertThat(queryLong("SELECT 1")).isEqualTo(1L);
    }

    @Test
    void useChangesTheDatabaseOfUnqualifiedNames() throws SQLException {
        try (Connection other = connect("default"); Statement statement = other.createStatement()) {
            statement.execute("USE " + otherDatabase());
            try (ResultSet rows = statement.executeQuery("SELECT n FROM numbers ORDER BY n")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(41);
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
                assertThat(rows.next()).isFalse();
            }
        }
    }

    @Test
    void theDatabaseOfTheUrlIsTheSessionsDatabase() throws SQLException {
        try (Connection other = connect(otherDatabase()); Statement statement = other.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM numbers")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(2L);
        }
    }

    @Test
    void aConnectionThatSendsGarbageIsClosedAndOthersGoOn() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.server().address().getPort())) {
            socket.setSoTimeout((int) STOP_LIMIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(in.read()).as("the server closes the connection").isEqualTo(-1);
        }
        assertThat(queryLong("SELECT 2")).isEqualTo(2L);
    }

    private Connection connect(String database) throws SQLException {
        return connect(server, database);
    }

    private String typesTable() {
        return "types_" + suffix();
    }

    private String otherDatabase() {
        return "other_" + suffix();
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long queryLong(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }

    private static List<String> column(ResultSet rows, String name) throws SQLException {
        try (rows) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(name));
            }
            return values;
        }
    }

    /**
     * Waits until the driver holds the server's handle of the statement it runs: before that its cancel() does
     * nothing, and the drivers then ignore every later cancel().
     */
    private static void awaitServerHandle(Statement statement, CompletableFuture<?> running) throws Exception {
        long deadline = System.nanoTime() + STOP_LIMIT.toNanos();
        while (!holdsServerHandle(statement)) {
            assertThat(running).as("statement still running").isNotDone();
            assertThat(System.nanoTime()).as("statement started within %s", STOP_LIMIT).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    /**
     * The Hive drivers keep the handle in a field {@code stmtHandle} (4.x in an Optional); 3.1's getQueryId() asks the
     * server even without a handle, and the half-written call it then abandons breaks the connection.
     */
    private static boolean holdsServerHandle(Statement statement) throws ReflectiveOperationException {
        Field handle;
        try {
            handle = statement.getClass().getDeclaredField("stmtHandle");
        } catch (NoSuchFieldException e) {
            return statement.getClass().getMethod("getQueryId").invoke(statement) != null;
        }
        handle.setAccessible(true);
        Object value = handle.get(statement);
        return value instanceof Optional<?> optional ? optional.isPresent() : value != null;
    }
}
