package io.lakegate.server;

import io.lakegate.engine.Engine;
import io.lakegate.server.auth.Authentication;
import io.lakegate.server.cli.CliLimits;
import io.lakegate.server.cli.CliService;
import io.lakegate.server.cli.ClientConnection;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TCloseOperationReq;
import org.apache.hive.service.rpc.thrift.TCloseSessionReq;
import org.apache.hive.service.rpc.thrift.TExecuteStatementReq;
import org.apache.hive.service.rpc.thrift.TExecuteStatementResp;
import org.apache.hive.service.rpc.thrift.TFetchOrientation;
import org.apache.hive.service.rpc.thrift.TFetchResultsReq;
import org.apache.hive.service.rpc.thrift.TFetchResultsResp;
import org.apache.hive.service.rpc.thrift.TGetOperationStatusReq;
import org.apache.hive.service.rpc.thrift.TGetOperationStatusResp;
import org.apache.hive.service.rpc.thrift.TGetResultSetMetadataReq;
import org.apache.hive.service.rpc.thrift.TOpenSessionReq;
import org.apache.hive.service.rpc.thrift.TOpenSessionResp;
import org.apache.hive.service.rpc.thrift.TOperationHandle;
import org.apache.hive.service.rpc.thrift.TOperationState;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.apache.hive.service.rpc.thrift.TStatus;
import org.apache.hive.service.rpc.thrift.TStatusCode;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the first clients would do, done by the server before it says it is ready: the JVM compiles the hot paths
 * (Thrift decode and encode, the call handlers, the front end, the Spark Connect client) and the cluster its own
 * (Spark session creation, planning, the result path), so that the first clients get warm figures. The calls go
 * through the server's own call handlers in this JVM, as a Hive JDBC client sends them.
 */
final class ServerWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(ServerWarmUp.class);
    private static final String USER = "lakegate-warm-up";
    private static final int SESSIONS = 5;
    private static final int SMALL_STATEMENTS_PER_SESSION = 6;
    /**
     * Shaped like a client's large read: a number, a string and a double per row. Reading some millions of rows, a
     * few times, is what gets the encoding loops of both JVMs compiled at their best: with less, the first large
     * reads of clients ran at half the speed of later ones.
     */
    private static final String LARGE_READ = "SELECT id, CAST(id AS STRING) AS s, CAST(id AS DOUBLE) AS d "
            + "FROM range(10000000)";
    private static final int LARGE_READS = 2;
    private static final long FETCH_ROWS = 10_000;

    private ServerWarmUp() {}

    /** Runs the warm-up; a failure is logged, the server starts anyway (only colder). */
    static void run(Engine engine, CliLimits limits) {
        long start = System.nanoTime();
        try (Authentication anyone = Authentication.none();
                CliService service = new CliService(engine, limits, anyone)) {
            TCLIService.Client client = new TCLIService.Client(new TBinaryProtocol(new LoopbackTransport(
                    service.processor(new ClientConnection("warm-up")))));
            for (int i = 0; i < SESSIONS; i++) {
                TSessionHandle session = open(client);
                for (int j = 0; j < SMALL_STATEMENTS_PER_SESSION; j++) {
                    readToTheEnd(client, session, "SELECT 1");
                }
                if (i == SESSIONS - 1) {
                    for (int read = 0; read < LARGE_READS; read++) {
                        readToTheEnd(client, session, LARGE_READ);
                    }
                }
                check(client.CloseSession(new TCloseSessionReq(session)).getStatus());
            }
            LOG.info("Warm-up done in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (TException | RuntimeException e) {
            LOG.warn("Warm-up failed after {} ms; the server starts anyway, and its first statements may be slower: {}",
                    (System.nanoTime() - start) / 1_000_000, e.toString());
        }
    }

    private static TSessionHandle open(TCLIService.Client client) throws TException {
        TOpenSessionReq request = new TOpenSessionReq(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10);
        request.setUsername(USER);
        TOpenSessionResp response = client.OpenSession(request);
        check(response.getStatus());
        return response.getSessionHandle();
    }

    /** The calls Hive JDBC makes for one query: run it, wait for it, read its columns and rows, close it. */
    private static void readToTheEnd(TCLIService.Client client, TSessionHandle session, String sql)
            throws TException {
        TExecuteStatementReq execute = new TExecuteStatementReq(session, sql);
        execute.setRunAsync(true);
        TExecuteStatementResp executed = client.ExecuteStatement(execute);
        check(executed.getStatus());
        TOperationHandle operation = executed.getOperationHandle();
        TOperationState state;
        do {
            TGetOperationStatusResp status = client.GetOperationStatus(new TGetOperationStatusReq(operation));
            check(status.getStatus());
            state = status.getOperationState();
        } while (state == TOperationState.INITIALIZED_STATE || state == TOperationState.PENDING_STATE
                || state == TOperationState.RUNNING_STATE);
        if (state != TOperationState.FINISHED_STATE) {
            throw new IllegalStateException("The warm-up statement " + sql + " ended in " + state);
        }
        check(client.GetResultSetMetadata(new TGetResultSetMetadataReq(operation)).getStatus());
        TFetchResultsResp fetched;
        do {
            fetched = client.FetchResults(new TFetchResultsReq(operation, TFetchOrientation.FETCH_NEXT, FETCH_ROWS));
            check(fetched.getStatus());
        } while (fetched.isHasMoreRows());
        check(client.CloseOperation(new TCloseOperationReq(operation)).getStatus());
    }

    private static void check(TStatus status) {
        if (status.getStatusCode() != TStatusCode.SUCCESS_STATUS
                && status.getStatusCode() != TStatusCode.SUCCESS_WITH_INFO_STATUS) {
            throw new IllegalStateException("A warm-up call failed: " + status.getErrorMessage());
        }
    }
}
