package io.lakegate.benchmarks.load;

import io.lakegate.common.Settings;
import io.lakegate.engine.Engine;
import io.lakegate.server.ThriftServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TCloseOperationReq;
import org.apache.hive.service.rpc.thrift.TCloseSessionReq;
import org.apache.hive.service.rpc.thrift.TColumn;
import org.apache.hive.service.rpc.thrift.TExecuteStatementReq;
import org.apache.hive.service.rpc.thrift.TExecuteStatementResp;
import org.apache.hive.service.rpc.thrift.TFetchOrientation;
import org.apache.hive.service.rpc.thrift.TFetchResultsReq;
import org.apache.hive.service.rpc.thrift.TOpenSessionReq;
import org.apache.hive.service.rpc.thrift.TOpenSessionResp;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.apache.hive.service.rpc.thrift.TStatusCode;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;

/**
 * Load harness of issue 9: one gateway in this JVM (run it with {@code -Xmx512m}) holds many idle sessions while
 * clients run queries concurrently, each answer checked, and another client opens sessions and drops its connection
 * in a loop; at the end nothing may be left (sessions, operations, result memory) and the heap must be back.
 *
 * <p>Arguments: {@code [idleSessions] [concurrentQueries] [rounds]}, by default {@code 1000 50 4}.
 */
public final class GatewayLoadHarness {
    private static final int SESSIONS_PER_CONNECTION = 50;
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final TProtocolVersion PROTOCOL = TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10;

    private GatewayLoadHarness() {}

    public static void main(String[] args) throws Exception {
        int idleSessions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int concurrent = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path data = Files.createTempDirectory("lakegate-load-");
        Settings settings = Settings.of(Map.of(
                "lakegate.data.dir", data.toString(),
                "lakegate.server.port", "0",
                "lakegate.server.http.port", "0",
                "lakegate.engine.max-sessions", String.valueOf(idleSessions + concurrent + 100)));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (Engine engine = Engine.start(settings); ThriftServer server = ThriftServer.start(engine, settings)) {
            engine.warmUp();
            int port = server.address().getPort();
            long heapBefore = retainedHeapMib(memory);
            System.out.printf("heap limit %d MiB, retained at start %d MiB%n",
                    Runtime.getRuntime().maxMemory() >> 20, heapBefore);

            List<TSocket> idle = openIdleSessions(port, idleSessions);
            System.out.printf("%d idle sessions open; retained heap %d MiB%n", idleSessions, retainedHeapMib(memory));

            AtomicBoolean churning = new AtomicBoolean(true);
            AtomicLong dropped = new AtomicLong();
            Thread churn = new Thread(() -> churn(port, churning, dropped), "churn");
            churn.start();
            AtomicLong peakHeap = new AtomicLong();
            long started = System.nanoTime();
            long answers = runQueries(port, concurrent, rounds, memory, peakHeap);
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            churning.set(false);
            churn.join();
            System.out.printf("%d answers of %d concurrent clients right in %d ms; %d connections dropped meanwhile; "
                    + "peak used heap %d MiB%n", answers, concurrent, elapsedMillis, dropped.get(), peakHeap.get());

            for (TSocket socket : idle) {
                socket.close();
            }
            long deadline = System.nanoTime() + SETTLE.toNanos();
            while ((!engine.operations().sessions().isEmpty() || engine.operations().openOperations() > 0
                    || engine.resultMemoryBytes() > 0) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            System.out.printf("after the clients left: %d sessions, %d operations, %d bytes of result memory; "
                    + "retained heap %d MiB (at start %d MiB)%n", engine.operations().sessions().size(),
                    engine.operations().openOperations(), engine.resultMemoryBytes(), retainedHeapMib(memory),
                    heapBefore);
        }
    }

    /** Sessions opened and then left alone, {@value #SESSIONS_PER_CONNECTION} to a connection. */
    private static List<TSocket> openIdleSessions(int port, int sessions) throws TException {
        List<TSocket> sockets = new ArrayList<>();
        for (int opened = 0; opened < sessions; opened += SESSIONS_PER_CONNECTION) {
            TSocket socket = new TSocket("127.0.0.1", port);
            socket.open();
            sockets.add(socket);
            TCLIService.Client client = new TCLIService.Client(new TBinaryProtocol(socket));
            for (int i = opened; i < Math.min(sessions, opened + SESSIONS_PER_CONNECTION); i++) {
                open(client, "idle" + i);
            }
        }
        return sockets;
    }

    /** Opens a session and drops the connection without closing it, until told to stop. */
    private static void churn(int port, AtomicBoolean churning, AtomicLong dropped) {
        while (churning.get()) {
            try (TSocket socket = new TSocket("127.0.0.1", port)) {
                socket.open();
                open(new TCLIService.Client(new TBinaryProtocol(socket)), "churner");
                dropped.incrementAndGet();
            } catch (TException e) {
                System.out.println("churn: " + e.getMessage());
            }
        }
    }

    /** Each client runs {@code rounds} aggregates of a range of its own and checks count and sum. */
    private static long runQueries(int port, int clients, int rounds, MemoryMXBean memory, AtomicLong peakHeap)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int clientNumber = c;
                results.add(pool.submit(() -> {
                    try (TSocket socket = new TSocket("127.0.0.1", port)) {
                        socket.open();
                        TCLIService.Client client = new TCLIService.Client(new TBinaryProtocol(socket));
                        TSessionHandle session = open(client, "client" + clientNumber);
                        for (int round = 0; round < rounds; round++) {
                            long rows = 100_000L + 1_000L * clientNumber + round;
                            checkAggregate(client, session, rows);
                            peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed() >> 20, Math::max);
                        }
                        client.CloseSession(new TCloseSessionReq(session));
                        return rounds;
                    }
                }));
            }
            long answers = 0;
            for (Future<Integer> result : results) {
                answers += result.get();
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void checkAggregate(TCLIService.Client client, TSessionHandle session, long rows)
            throws TException {
        TExecuteStatementResp executed = client.ExecuteStatement(new TExecuteStatementReq(session,
                "SELECT count(*), sum(id) FROM range(0, " + rows + ")"));
        requireSuccess(executed.getStatus().getStatusCode(), executed.getStatus().getErrorMessage());
        List<TColumn> columns = client.FetchResults(new TFetchResultsReq(executed.getOperationHandle(),
                TFetchOrientation.FETCH_NEXT, 10)).getResults().getColumns();
        long count = columns.get(0).getI64Val().getValues().get(0);
        long sum = columns.get(1).getI64Val().getValues().get(0);
        if (count != rows || sum != rows * (rows - 1) / 2) {
            throw new IllegalStateException("wrong answer for " + rows + " rows: count " + count + ", sum " + sum);
        }
        client.CloseOperation(new TCloseOperationReq(executed.getOperationHandle()));
    }

    private static TSessionHandle open(TCLIService.Client client, String user) throws TException {
        TOpenSessionReq request = new TOpenSessionReq(PROTOCOL);
        request.setUsername(user);
        TOpenSessionResp response = client.OpenSession(request);
        requireSuccess(response.getStatus().getStatusCode(), response.getStatus().getErrorMessage());
        return response.getSessionHandle();
    }

    private static void requireSuccess(TStatusCode code, String message) {
        if (code != TStatusCode.SUCCESS_STATUS && code != TStatusCode.SUCCESS_WITH_INFO_STATUS) {
            throw new IllegalStateException("call failed: " + message);
        }
    }

    private static long retainedHeapMib(MemoryMXBean memory) {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed() >> 20;
    }
}
