package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.server.SharedServer.RunningServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TCancelOperationReq;
import org.apache.hive.service.rpc.thrift.TCloseOperationReq;
import org.apache.hive.service.rpc.thrift.TColumn;
import org.apache.hive.service.rpc.thrift.TExecuteStatementReq;
import org.apache.hive.service.rpc.thrift.TExecuteStatementResp;
import org.apache.hive.service.rpc.thrift.TFetchOrientation;
import org.apache.hive.service.rpc.thrift.TFetchResultsReq;
import org.apache.hive.service.rpc.thrift.TFetchResultsResp;
import org.apache.hive.service.rpc.thrift.TGetDelegationTokenReq;
import org.apache.hive.service.rpc.thrift.TGetInfoReq;
import org.apache.hive.service.rpc.thrift.TGetInfoResp;
import org.apache.hive.service.rpc.thrift.TGetInfoType;
import org.apache.hive.service.rpc.thrift.TGetOperationStatusReq;
import org.apache.hive.service.rpc.thrift.TGetQueryIdReq;
import org.apache.hive.service.rpc.thrift.TGetOperationStatusResp;
import org.apache.hive.service.rpc.thrift.TGetTableTypesReq;
import org.apache.hive.service.rpc.thrift.TOpenSessionReq;
import org.apache.hive.service.rpc.thrift.TOpenSessionResp;
import org.apache.hive.service.rpc.thrift.TOperationHandle;
import org.apache.hive.service.rpc.thrift.TOperationState;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.hive.service.rpc.thrift.TRowSet;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.apache.hive.service.rpc.thrift.TStatus;
import org.apache.hive.service.rpc.thrift.TStatusCode;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the Hive driver does not exercise, with Thrift calls of our own over NOSASL: versions, orientations, errors. */
@ExtendWith(SharedServer.class)
class RawThriftIT {
    private static final Duration PROGRESS_LIMIT = Duration.ofSeconds(60);
    /** Minutes of work for two cores; the tests only need it to outlast a cancel or a disconnect. */
    private static final String LONG_QUERY = "SELECT sum(id % 7) FROM range(0, 1000000000000)";
    /**
     * Two partitions of one row: the first comes at once, the second after its task slept 20 s, so that a fetch after
     * the first row waits for the cluster (and a cancelled one frees its core soon).
     */
    private static final String SLOW_AFTER_FIRST_ROW = "SELECT id, IF(id = 0, 'at once', "
            + "reflect('java.lang.Thread', 'sleep', 20000L)) AS late FROM range(0, 2, 1, 2)";

    private TSocket socket;
    private TCLIService.Client client;

    @BeforeEach
    void connect(RunningServer server) throws TException {
        connectTo(server.server().address().getPort());
    }

    private void connectTo(int port) throws TException {
        socket = new TSocket("127.0.0.1", port);
        socket.open();
        client = new TCLIService.Client(new TBinaryProtocol(socket));
    }

    @AfterEach
    void disconnect() {
        socket.close();
    }

    @Test
    void anOlderClientGetsItsProtocolAndRowBasedResults() throws TException {
        TSessionHandle session = open(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V5);
        TOperationHandle operation = executeSync(session, "SELECT 1 AS one, CAST(NULL AS STRING) AS nothing");
        TRowSet rows = fetch(operation, TFetchOrientation.FETCH_NEXT, 10);
        assertThat(rows.getColumnsSize()).isZero();
        assertThat(rows.getRows()).hasSize(1);
        assertThat(rows.getRows().get(0).getColVals().get(0).getI32Val().getValue()).isEqualTo(1);
        assertThat(rows.getRows().get(0).getColVals().get(1).getStringVal().isSetValue()).isFalse();
    }

    @Test
    void aNewerClientGetsOursAndColumnsWithNullBitmaps() throws TException {
        TOpenSessionReq request = new TOpenSessionReq(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V11);
        request.setUsername("raw");
        TOpenSessionResp response = client.OpenSession(request);
        assertSuccess(response.getStatus());
        assertThat(response.getServerProtocolVersion()).isEqualTo(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V11);
        TOperationHandle operation = executeSync(response.getSessionHandle(),
                "SELECT id, IF(id % 3 = 0, NULL, id * 10) AS tens FROM range(0, 10) ORDER BY id");
        TRowSet rows = fetch(operation, TFetchOrientation.FETCH_NEXT, 100);
        TColumn tens = rows.getColumns().get(1);
        assertThat(tens.getI64Val().getValues()).hasSize(10);
        byte[] nulls = tens.getI64Val().getNulls();
        for (int row = 0; row < 10; row++) {
            boolean isNull = row / 8 < nulls.length && (nulls[row / 8] & (1 << (row % 8))) != 0;
            assertThat(isNull).as("row %s is null", row).isEqualTo(row % 3 == 0);
            if (!isNull) {
                assertThat(tens.getI64Val().getValues().get(row)).isEqualTo(row * 10L);
            }
        }
    }

    @Test
    void fetchFirstRewindsListingsButNotStreamedResults() throws TException {
        TSessionHandle session = open(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10);
        TOperationHandle types = client.GetTableTypes(new TGetTableTypesReq(session)).getOperationHandle();
        assertThat(strings(fetch(types, TFetchOrientation.FETCH_NEXT, 1))).containsExactly("TABLE");
        assertThat(strings(fetch(types, TFetchOrientation.FETCH_NEXT, 1))).containsExactly("VIEW");
        assertThat(strings(fetch(types, TFetchOrientation.FETCH_FIRST, 5))).containsExactly("TABLE", "VIEW");

        TOperationHandle query = executeSync(session, "SELECT 'a' UNION ALL SELECT 'b'");
        assertThat(strings(fetch(query, TFetchOrientation.FETCH_FIRST, 1))).hasSize(1);
        TFetchResultsResp again = client.FetchResults(
                new TFetchResultsReq(query, TFetchOrientation.FETCH_FIRST, 1));
        assertError(again.getStatus(), "0A000", "FETCH_FIRST");
        TFetchResultsResp prior = client.FetchResults(new TFetchResultsReq(query, TFetchOrientation.FETCH_PRIOR, 1));
        assertError(prior.getStatus(), "0A000", "FETCH_PRIOR");
    }

    @Test
    void getInfoNamesTheServerAndTheDbms() throws TException {
        TSessionHandle session = open(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10);
        assertThat(info(session, TGetInfoType.CLI_SERVER_NAME).getInfoValue().getStringValue()).isEqualTo("Lakegate");
        assertThat(info(session, TGetInfoType.CLI_DBMS_NAME).getInfoValue().getStringValue()).isEqualTo("Spark SQL");
        assertThat(info(session, TGetInfoType.CLI_DBMS_VER).getInfoValue().getStringValue()).matches("4\\.\\d+\\.\\d+");
        assertThat(info(session, TGetInfoType.CLI_USER_NAME).getInfoValue().getStringValue()).isEqualTo("raw");
        assertError(info(session, TGetInfoType.CLI_MAX_DRIVER_CONNECTIONS).getStatus(), "0A000", "not supported");
    }

    @Test
    void unsupportedAndInvalidCallsGetAStatusNotAStackTrace() throws TException {
        TSessionHandle session = open(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10);
        assertError(client.GetDelegationToken(new TGetDelegationTokenReq(session, "raw", "renewer")).getStatus(),
                "0A000", "Delegation tokens are not supported");
        TSessionHandle unknown = open(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10);
        unknown.getSessionId().setGuid(new byte[16]);
        assertError(client.ExecuteStatement(new TExecuteStatementReq(unknown, "SELECT 1")).getStatus(), "HY000",
                "Invalid session handle");
        TExecuteStatementReq overlay = new TExecuteStatementReq(session, "SELECT 1");
        overlay.setConfOverlay(Map.of("spark.sql.ansi.enabled", "false"));
        assertError(client.ExecuteStatement(overlay).getStatus(), "0A000", "single statement");
        TOperationHandle types = client.GetTableTypes(new TGetTableTypesReq(session)).getOperationHandle();
        assertThat(client.GetQueryId(new TGetQueryIdReq(types)).getQueryId()).isNotBlank();
        assertSuccess(client.CloseOperation(new TCloseOperationReq(types)).getStatus());
        assertThatThrownBy(() -> client.GetQueryId(new TGetQueryIdReq(types)))
                .isInstanceOf(TApplicationException.class).hasMessageContaining("Invalid operation handle");
        TExecuteStatementResp failed = client.ExecuteStatement(new TExecuteStatementReq(session, "SELEC 1"));
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(TStatusCode.ERROR_STATUS);
        assertThat(failed.getStatus().getSqlState()).isEqualTo("42601");
        assertThat(failed.getStatus().getErrorMessage()).doesNotContain("\tat ");
    }

    @Test
    void aRunningStatementReportsProgressAndCanBeCancelled() throws TException {
        TSessionHandle session = open(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10);
        TExecuteStatementReq request = new TExecuteStatementReq(session, LONG_QUERY);
        request.setRunAsync(true);
        TOperationHandle operation = client.ExecuteStatement(request).getOperationHandle();
        TGetOperationStatusResp status = awaitRunningTasks(operation);
        assertThat(status.getProgressUpdateResponse().getHeaderNames()).contains("STAGES", "TOTAL", "COMPLETED");
        assertThat(status.getProgressUpdateResponse().getProgressedPercentage()).isBetween(0.0, 1.0);

        TGetOperationStatusReq statusRequest = new TGetOperationStatusReq(operation);
        assertSuccess(client.CancelOperation(new TCancelOperationReq(operation)).getStatus());
        assertThat(client.GetOperationStatus(statusRequest).getOperationState())
                .isEqualTo(TOperationState.CANCELED_STATE);
        assertError(client.FetchResults(new TFetchResultsReq(operation, TFetchOrientation.FETCH_NEXT, 1))
                .getStatus(), "HY008", "cancelled");
        assertSuccess(client.CloseOperation(new TCloseOperationReq(operation)).getStatus());
        assertError(client.GetOperationStatus(statusRequest).getStatus(), "HY000", "Invalid operation handle");
    }

    @Test
    void handlesSayWhetherTheStatementHasRowsBeforeItRuns() throws TException {
        TSessionHandle session = open(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V6);
        for (String sql : List.of("/* {\"app\": \"dbt\"} */\nselect 1 as id", "show databases", "(SELECT 2)")) {
            TExecuteStatementReq request = new TExecuteStatementReq(session, sql);
            request.setRunAsync(true);
            TOperationHandle operation = client.ExecuteStatement(request).getOperationHandle();
            assertThat(operation.isHasResultSet()).as(sql).isTrue();
            TGetOperationStatusReq poll = new TGetOperationStatusReq(operation);
            TGetOperationStatusResp status = client.GetOperationStatus(poll);
            while (status.getOperationState() != TOperationState.FINISHED_STATE) {
                assertThat(status.getOperationState()).as(sql)
                        .isIn(TOperationState.PENDING_STATE, TOperationState.RUNNING_STATE);
                status = client.GetOperationStatus(poll);
            }
            assertThat(status.isHasResultSet()).as(sql).isTrue();
            assertThat(fetch(operation, TFetchOrientation.FETCH_NEXT, 10).getColumns()).as(sql).isNotEmpty();
        }
        TExecuteStatementReq use = new TExecuteStatementReq(session, "USE `default`");
        use.setRunAsync(true);
        assertThat(client.ExecuteStatement(use).getOperationHandle().isHasResultSet()).isFalse();
        assertThat(executeSync(session, "SELECT 3").isHasResultSet()).isTrue();
    }

    @Test
    void sparkSettingsOfOpenSessionReachTheSession() throws TException {
        TOpenSessionReq request = new TOpenSessionReq(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10);
        request.setConfiguration(Map.of("set:hiveconf:spark.sql.session.timeZone", "America/New_York",
                "set:hivevar:unused", "1", "use:database", "default"));
        TOpenSessionResp response = client.OpenSession(request);
        assertSuccess(response.getStatus());
        TOperationHandle zone = executeSync(response.getSessionHandle(), "SELECT current_timezone()");
        assertThat(strings(fetch(zone, TFetchOrientation.FETCH_NEXT, 1))).containsExactly("America/New_York");
    }

    @Test
    void aClientThatDisconnectsHasItsStatementsCancelled(RunningServer server) throws TException {
        TSessionHandle session = open(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10);
        TExecuteStatementReq request = new TExecuteStatementReq(session, LONG_QUERY);
        request.setRunAsync(true);
        TOperationHandle operation = client.ExecuteStatement(request).getOperationHandle();
        awaitRunningTasks(operation);
        socket.close();

        // Had the statement kept running, it would hold every core of the cluster for minutes.
        connect(server);
        TSessionHandle next = open(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10);
        TExecuteStatementReq small = new TExecuteStatementReq(next, "SELECT count(*) FROM range(1000)");
        small.setRunAsync(true);
        small.setQueryTimeout((int) PROGRESS_LIMIT.toSeconds());
        TOperationHandle count = client.ExecuteStatement(small).getOperationHandle();
        TGetOperationStatusResp status = client.GetOperationStatus(new TGetOperationStatusReq(count));
        while (status.getOperationState() == TOperationState.PENDING_STATE
                || status.getOperationState() == TOperationState.RUNNING_STATE) {
            status = client.GetOperationStatus(new TGetOperationStatusReq(count));
        }
        assertThat(status.getOperationState()).isEqualTo(TOperationState.FINISHED_STATE);
    }

    @Test
    void anAnswerEndsAtItsByteBudgetWhateverTheRowsAsked(RunningServer shared) throws TException {
        // A server of its own whose fetches wait for full answers: the budget, not the rows at hand, ends them.
        try (ThriftServer patient = FaultChecks.startServer(shared.engine(), Map.of("lakegate.server.fetch-wait",
                "10m"))) {
            socket.close();
            connectTo(patient.address().getPort());
            assertAnswersEndAtTheByteBudget();
        }
    }

    private void assertAnswersEndAtTheByteBudget() throws TException {
        TSessionHandle session = open(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10);
        // 1,000 rows of 50,000 characters: 50 MB, beyond the default budget of 32 MiB an answer.
        TOperationHandle operation = executeSync(session, "SELECT repeat('x', 50000) AS wide FROM range(1000)");
        TFetchResultsResp first = client.FetchResults(new TFetchResultsReq(operation, TFetchOrientation.FETCH_NEXT,
                1000));
        assertSuccess(first.getStatus());
        int firstRows = strings(first.getResults()).size();
        assertThat(firstRows).isBetween(600, 700);
        assertThat(first.isHasMoreRows()).isTrue();
        int total = firstRows;
        TFetchResultsResp next;
        do {
            next = client.FetchResults(new TFetchResultsReq(operation, TFetchOrientation.FETCH_NEXT, 1000));
            assertSuccess(next.getStatus());
            List<String> values = strings(next.getResults());
            assertThat(values).allSatisfy(value -> assertThat(value).hasSize(50000));
            total += values.size();
        } while (next.isHasMoreRows());
        assertThat(total).isEqualTo(1000);
    }

    @Test
    void cancelDuringASlowFetchReturnsAtOnce(RunningServer server) throws Exception {
        TSessionHandle session = open(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10);
        TOperationHandle operation = executeSync(session, SLOW_AFTER_FIRST_ROW);
        assertThat(strings(fetch(operation, TFetchOrientation.FETCH_NEXT, 10), 1)).containsExactly("at once");
        CompletableFuture<TFetchResultsResp> fetch = CompletableFuture.supplyAsync(() -> {
            try {
                return client.FetchResults(new TFetchResultsReq(operation, TFetchOrientation.FETCH_NEXT, 10));
            } catch (TException e) {
                throw new IllegalStateException(e);
            }
        });
        // The fetch, which holds no row, waits for the cluster's second row.
        Thread.sleep(2000);
        assertThat(fetch).isNotDone();
        try (TSocket other = new TSocket("127.0.0.1", server.server().address().getPort())) {
            other.open();
            TCLIService.Client canceller = new TCLIService.Client(new TBinaryProtocol(other));
            long start = System.nanoTime();
            assertSuccess(canceller.CancelOperation(new TCancelOperationReq(operation)).getStatus());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(canceller.GetOperationStatus(new TGetOperationStatusReq(operation)).getOperationState())
                    .isEqualTo(TOperationState.CANCELED_STATE);
        }
        TFetchResultsResp interrupted = fetch.get(30, TimeUnit.SECONDS);
        // Spark's own error (spelt "canceled") when the cluster ends the call first, the gateway's otherwise.
        assertError(interrupted.getStatus(), "HY008", "cancel");
    }

    @Test
    void aQueryTimeoutCoversTheFetchToo() throws TException {
        TSessionHandle session = open(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10);
        TExecuteStatementReq request = new TExecuteStatementReq(session, SLOW_AFTER_FIRST_ROW);
        request.setQueryTimeout(3);
        TExecuteStatementResp started = client.ExecuteStatement(request);
        assertSuccess(started.getStatus());
        TOperationHandle operation = started.getOperationHandle();
        long start = System.nanoTime();
        // The first fetch answers with the first row once its wait is up; the second waits for the sleeping task.
        assertThat(strings(fetch(operation, TFetchOrientation.FETCH_NEXT, 10), 1)).containsExactly("at once");
        TFetchResultsResp fetched = client.FetchResults(new TFetchResultsReq(operation, TFetchOrientation.FETCH_NEXT,
                10));
        assertThat(fetched.getStatus().getStatusCode()).isEqualTo(TStatusCode.ERROR_STATUS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(client.GetOperationStatus(new TGetOperationStatusReq(operation)).getOperationState())
                .isEqualTo(TOperationState.TIMEDOUT_STATE);
    }

    private TSessionHandle open(TProtocolVersion version) throws TException {
        TOpenSessionReq request = new TOpenSessionReq(version);
        request.setUsername("raw");
        TOpenSessionResp response = client.OpenSession(request);
        assertSuccess(response.getStatus());
        assertThat(response.getServerProtocolVersion()).isEqualTo(version);
        return response.getSessionHandle();
    }

    /** Waits until the cluster reports tasks of the statement, so it certainly runs; returns that status. */
    private TGetOperationStatusResp awaitRunningTasks(TOperationHandle operation) throws TException {
        TGetOperationStatusReq request = new TGetOperationStatusReq(operation);
        request.setGetProgressUpdate(true);
        long deadline = System.nanoTime() + PROGRESS_LIMIT.toNanos();
        TGetOperationStatusResp status = client.GetOperationStatus(request);
        while (!status.isSetProgressUpdateResponse() || status.getProgressUpdateResponse().getRowsSize() == 0) {
            assertThat(status.getOperationState()).isIn(TOperationState.PENDING_STATE, TOperationState.RUNNING_STATE);
            assertThat(System.nanoTime()).as("progress within %s", PROGRESS_LIMIT).isLessThan(deadline);
            status = client.GetOperationStatus(request);
        }
        return status;
    }

    private TOperationHandle executeSync(TSessionHandle session, String sql) throws TException {
        TExecuteStatementResp response = client.ExecuteStatement(new TExecuteStatementReq(session, sql));
        assertSuccess(response.getStatus());
        return response.getOperationHandle();
    }

    private TRowSet fetch(TOperationHandle operation, TFetchOrientation orientation, int rows) throws TException {
        TFetchResultsResp response = client.FetchResults(new TFetchResultsReq(operation, orientation, rows));
        assertSuccess(response.getStatus());
        return response.getResults();
    }

    private TGetInfoResp info(TSessionHandle session, TGetInfoType type) throws TException {
        return client.GetInfo(new TGetInfoReq(session, type));
    }

    private static List<String> strings(TRowSet rows) {
        return strings(rows, 0);
    }

    private static List<String> strings(TRowSet rows, int column) {
        return rows.getColumns().get(column).getStringVal().getValues();
    }

    private static void assertSuccess(TStatus status) {
        assertThat(status.getStatusCode()).as("%s", status).isEqualTo(TStatusCode.SUCCESS_STATUS);
    }

    private static void assertError(TStatus status, String sqlState, String messagePart) {
        assertThat(status.getStatusCode()).as("%s", status).isEqualTo(TStatusCode.ERROR_STATUS);
        assertThat(status.getSqlState()).isEqualTo(sqlState);
        assertThat(status.getErrorMessage()).contains(messagePart);
    }
}
