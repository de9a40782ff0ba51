package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.common.Settings;
import io.lakegate.engine.Engine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TExecuteStatementReq;
import org.apache.hive.service.rpc.thrift.TGetOperationStatusReq;
import org.apache.hive.service.rpc.thrift.TGetOperationStatusResp;
import org.apache.hive.service.rpc.thrift.TOpenSessionReq;
import org.apache.hive.service.rpc.thrift.TOperationHandle;
import org.apache.hive.service.rpc.thrift.TOperationState;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sessions and operations that clients leave unused are closed by the engine, and their statements stopped. A
 * statement left running would hold every core of the engine's cluster, so a small job finishing on another session
 * proves it. The idle timeouts are the engine's, so each case has an engine (and a cluster) of its own.
 */
class IdleTimeoutIT {
    private static final String LONG_QUERY = "SELECT sum(id % 7) FROM range(0, 1000000000000)";
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @ParameterizedTest(name = "session idle {0}, operation idle {1}")
    @CsvSource({"2s, 1h", "1h, 2s"})
    void anUnusedStatementIsStopped(String sessionIdle, String operationIdle, @TempDir Path dataDirectory)
            throws Exception {
        Settings settings = Settings.of(Map.of(
                "lakegate.data.dir", dataDirectory.toString(),
                "lakegate.cluster.local.master", "local[2]",
                "lakegate.cluster.local.memory", "1g",
                "lakegate.server.port", "0",
                "lakegate.server.http.port", "0",
                "lakegate.engine.session-idle-timeout", sessionIdle,
                "lakegate.engine.operation-idle-timeout", operationIdle));
        try (Engine engine = Engine.start(settings);
                ThriftServer server = ThriftServer.start(engine, settings);
                TSocket forgotten = new TSocket("127.0.0.1", server.address().getPort());
                TSocket active = new TSocket("127.0.0.1", server.address().getPort())) {
            // Idle clocks run from the first call: the cluster's start must not count as the statement's work.
            engine.warmUp();
            forgotten.open();
            TCLIService.Client forgetful = new TCLIService.Client(new TBinaryProtocol(forgotten));
            TOperationHandle abandoned = executeAsync(forgetful, open(forgetful), LONG_QUERY, 0);
            awaitWork(forgetful, abandoned);

            active.open();
            TCLIService.Client client = new TCLIService.Client(new TBinaryProtocol(active));
            TOperationHandle small = executeAsync(client, open(client), "SELECT count(*) FROM range(1000)",
                    (int) LIMIT.toSeconds());
            assertThat(awaitEnd(client, small)).isEqualTo(TOperationState.FINISHED_STATE);
        }
    }

    private static TSessionHandle open(TCLIService.Client client) throws TException {
        return client.OpenSession(new TOpenSessionReq(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10))
                .getSessionHandle();
    }

    private static TOperationHandle executeAsync(TCLIService.Client client, TSessionHandle session, String sql,
            int timeoutSeconds) throws TException {
        TExecuteStatementReq request = new TExecuteStatementReq(session, sql);
        request.setRunAsync(true);
        request.setQueryTimeout(timeoutSeconds);
        return client.ExecuteStatement(request).getOperationHandle();
    }

    /**
     * Polls until the cluster reports a stage of the statement: from then on the statement holds the cluster's
     * cores, and the idle clock starts at this last call.
     */
    private static void awaitWork(TCLIService.Client client, TOperationHandle operation) throws TException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        TGetOperationStatusReq request = new TGetOperationStatusReq(operation);
        request.setGetProgressUpdate(true);
        TGetOperationStatusResp status = client.GetOperationStatus(request);
        while (status.getProgressUpdateResponse() == null || status.getProgressUpdateResponse().getRows().isEmpty()) {
            assertThat(status.getOperationState()).isEqualTo(TOperationState.RUNNING_STATE);
            assertThat(System.nanoTime()).as("work on the cluster within %s", LIMIT).isLessThan(deadline);
            status = client.GetOperationStatus(request);
        }
    }

    /** Polls until the operation ends; its query timeout bounds the wait. */
    private static TOperationState awaitEnd(TCLIService.Client client, TOperationHandle operation)
            throws TException {
        TGetOperationStatusResp status;
        do {
            status = client.GetOperationStatus(new TGetOperationStatusReq(operation));
        } while (status.getOperationState() == TOperationState.PENDING_STATE
                || status.getOperationState() == TOperationState.RUNNING_STATE);
        return status.getOperationState();
    }
}
