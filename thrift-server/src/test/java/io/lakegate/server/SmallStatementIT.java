package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.server.SharedServer.RunningServer;
import io.lakegate.server.cli.CallTimings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A small statement through Hive JDBC: the round trips it takes, and none that could be saved. */
@ExtendWith(SharedServer.class)
class SmallStatementIT {
    private static final int WARM_UP = 10;
    private static final long TIMED = 50;

    @Test
    void selectOneTakesOneCallOfEachKindAndTheFetchThatEndsTheResult(RunningServer server) throws SQLException {
        try (Connection connection = IsolatedDriver.HIVE_JDBC.connect(server.jdbcUrl("default", ";auth=noSasl"),
                "tester", "ignored");
                Statement statement = connection.createStatement()) {
            // The session's first statements set up its Spark session and warm the code up.
            for (int i = 0; i < WARM_UP; i++) {
                selectOne(statement);
            }
            Map<String, CallTimings.Totals> before = CallTimings.snapshot();
            long[] nanos = new long[(int) TIMED];
            for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                selectOne(statement);
                nanos[i] = System.nanoTime() - start;
            }
            Map<String, Long> calls = new TreeMap<>();
            CallTimings.snapshot().forEach((call, totals) -> {
                long count = totals.count() - before.getOrDefault(call, new CallTimings.Totals(0, 0)).count();
                if (count > 0) {
                    calls.put(call, count);
                }
            });
            Arrays.sort(nanos);
            System.out.printf("SELECT 1 through Hive JDBC: p50 %.2f ms, p90 %.2f ms over %d; Thrift calls: %s%n",
                    nanos[(int) TIMED / 2] / 1e6, nanos[(int) TIMED * 9 / 10] / 1e6, TIMED, calls);
            // Hive JDBC 4.1 asks for the status twice whatever the answers say: executeQuery until it learns
            // whether there is a result set, the result's first fetch until the statement is done. It ends a result
            // only on an empty answer, whatever hasMoreRows says: hence two fetches. A status that returned at every
            // change of state (PENDING, then RUNNING) would show here as more than two.
            assertThat(calls).containsExactlyInAnyOrderEntriesOf(Map.of("ExecuteStatement", TIMED,
                    "GetOperationStatus", 2 * TIMED, "GetResultSetMetadata", TIMED, "FetchResults", 2 * TIMED,
                    "CloseOperation", TIMED));
        }
    }

    @Test
    void clientsThatSetNoFetchSizeGetOneSparkBatchPerAnswer(RunningServer server) throws SQLException {
        try (Connection connection = IsolatedDriver.HIVE_JDBC.connect(server.jdbcUrl("default", ";auth=noSasl"),
                "tester", "ignored");
                Statement statement = connection.createStatement()) {
            assertThat(statement.getFetchSize()).isEqualTo(10_000);
        }
    }

    private static void selectOne(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT 1")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(1);
            assertThat(rows.next()).isFalse();
        }
    }
}
