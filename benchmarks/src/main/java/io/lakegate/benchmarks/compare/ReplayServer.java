package io.lakegate.benchmarks.compare;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TExecuteStatementReq;
import org.apache.hive.service.rpc.thrift.TExecuteStatementResp;
import org.apache.hive.service.rpc.thrift.TGetOperationStatusResp;
import org.apache.hive.service.rpc.thrift.TGetResultSetMetadataReq;
import org.apache.hive.service.rpc.thrift.TGetResultSetMetadataResp;
import org.apache.hive.service.rpc.thrift.THandleIdentifier;
import org.apache.hive.service.rpc.thrift.TOpenSessionReq;
import org.apache.hive.service.rpc.thrift.TOpenSessionResp;
import org.apache.hive.service.rpc.thrift.TOperationHandle;
import org.apache.hive.service.rpc.thrift.TOperationState;
import org.apache.hive.service.rpc.thrift.TOperationType;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.apache.hive.service.rpc.thrift.TStatus;
import org.apache.hive.service.rpc.thrift.TStatusCode;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolDecorator;
import org.apache.thrift.server.TServer;
import org.apache.thrift.server.TThreadPoolServer;
import org.apache.thrift.transport.TServerSocket;
import org.apache.thrift.transport.TTransportException;

/**
 * The client's limit: a stand-in HiveServer2 (binary transport, no SASL) that does no work at all. It answers
 * {@code SELECT 1} and the range query at once, and its FetchResults writes answers serialised in advance
 * ({@link ReplayAnswers}) behind a fresh message header, so what the run measures is Hive JDBC's own cost: the
 * round trips, reading and decoding the answers.
 */
final class ReplayServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("range\\((\\d+)\\)");

    private final ReplayAnswers answers = ReplayAnswers.build();
    /** Per open operation, by its handle's id: the rows still to send (-1: SELECT 1's one row) and the rows sent. */
    private final Map<ByteBuffer, long[]> cursors = new ConcurrentHashMap<>();
    private final ServerSocket socket;
    private final TServer server;
    private final Thread serving;

    ReplayServer() throws IOException, TTransportException {
        socket = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        TCLIService.Iface calls = (TCLIService.Iface) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TCLIService.Iface.class}, new Calls());
        server = new TThreadPoolServer(new TThreadPoolServer.Args(new TServerSocket(socket))
                .processor(new Replaying(new TCLIService.Processor<>(calls)))
                .protocolFactory(new TBinaryProtocol.Factory())
                .minWorkerThreads(4)
                .maxWorkerThreads(256));
        serving = new Thread(server::serve, "replay-server");
        serving.setDaemon(true);
        serving.start();
    }

    String url(String options) {
        return "jdbc:hive2://127.0.0.1:" + socket.getLocalPort() + "/default" + options;
    }

    /** The id the n-th row of a replayed range holds: the answers come round again every cycle. */
    static long expectedId(long row) {
        return row % ReplayAnswers.CYCLE_ROWS;
    }

    /** FetchResults from memory; every other call goes to the generated processor. */
    private final class Replaying implements TProcessor {
        private final TProcessor generated;

        Replaying(TProcessor generated) {
            this.generated = generated;
        }

        @Override
        public void process(TProtocol in, TProtocol out) throws TException {
            TMessage message = in.readMessageBegin();
            if (!message.name.equals("FetchResults")) {
                generated.process(new TProtocolDecorator(in) {
                    @Override
                    public TMessage readMessageBegin() {
                        return message;
                    }
                }, out);
                return;
            }
            TCLIService.FetchResults_args args = new TCLIService.FetchResults_args();
            args.read(in);
            in.readMessageEnd();
            long[] cursor = cursors.get(args.getReq().getOperationHandle().getOperationId().bufferForGuid());
            long offset = cursor == null ? 0 : cursor[1];
            ReplayAnswers.Answer answer = next(cursor);
            out.writeMessageBegin(new TMessage("FetchResults", TMessageType.REPLY, message.seqid));
            answer.write(out.getTransport(), offset);
            out.writeMessageEnd();
            out.getTransport().flush();
        }
    }

    /** The next answer of an operation's cursor, which it moves on: {rows still to send or -1, rows sent}. */
    private ReplayAnswers.Answer next(long[] cursor) {
        if (cursor == null || cursor[0] == 0) {
            return answers.end;
        }
        if (cursor[0] < 0) {
            cursor[0] = 0;
            cursor[1] = 1;
            return answers.one;
        }
        cursor[0] -= ReplayAnswers.ROWS_PER_ANSWER;
        ReplayAnswers.Answer answer =
                answers.range.get((int) (cursor[1] / ReplayAnswers.ROWS_PER_ANSWER % answers.range.size()));
        cursor[1] += ReplayAnswers.ROWS_PER_ANSWER;
        return answer;
    }

    /** The calls other than FetchResults: success at once, and an error for what the harness never sends. */
    private final class Calls implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws ReflectiveOperationException {
            switch (method.getName()) {
                case "OpenSession" -> {
                    TOpenSessionResp response = new TOpenSessionResp(success(),
                            ((TOpenSessionReq) args[0]).getClient_protocol());
                    response.setSessionHandle(new TSessionHandle(handle()));
                    response.setConfiguration(Map.of());
                    return response;
                }
                case "ExecuteStatement" -> {
                    return execute((TExecuteStatementReq) args[0]);
                }
                case "GetOperationStatus" -> {
                    TGetOperationStatusResp response = new TGetOperationStatusResp(success());
                    response.setOperationState(TOperationState.FINISHED_STATE);
                    response.setHasResultSet(true);
                    return response;
                }
                case "GetResultSetMetadata" -> {
                    TGetResultSetMetadataResp response = new TGetResultSetMetadataResp(success());
                    long[] cursor = cursors.get(((TGetResultSetMetadataReq) args[0]).getOperationHandle()
                            .getOperationId().bufferForGuid());
                    response.setSchema(cursor != null && cursor[0] < 0 ? ReplayAnswers.oneSchema()
                            : ReplayAnswers.rangeSchema());
                    return response;
                }
                case "CloseOperation" -> {
                    cursors.remove(((org.apache.hive.service.rpc.thrift.TCloseOperationReq) args[0])
                            .getOperationHandle().getOperationId().bufferForGuid());
                    return respond(method, success());
                }
                case "CloseSession", "CancelOperation" -> {
                    return respond(method, success());
                }
                default -> {
                    TStatus refused = new TStatus(TStatusCode.ERROR_STATUS);
                    refused.setErrorMessage(method.getName() + " is not served by the stand-in server");
                    return respond(method, refused);
                }
            }
        }

        private TExecuteStatementResp execute(TExecuteStatementReq request) {
            String sql = request.getStatement();
            Matcher range = RANGE.matcher(sql);
            long rows;
            if (range.find()) {
                rows = Long.parseLong(range.group(1));
                if (rows % ReplayAnswers.ROWS_PER_ANSWER != 0) {
                    throw new IllegalArgumentException("The stand-in serves whole answers of "
                            + ReplayAnswers.ROWS_PER_ANSWER + " rows, not " + rows);
                }
            } else if (sql.trim().equalsIgnoreCase("SELECT 1")) {
                rows = -1;
            } else {
                TExecuteStatementResp refused = new TExecuteStatementResp(new TStatus(TStatusCode.ERROR_STATUS));
                refused.getStatus().setErrorMessage("The stand-in server runs only SELECT 1 and range queries");
                return refused;
            }
            THandleIdentifier id = handle();
            cursors.put(id.bufferForGuid(), new long[] {rows, 0});
            TOperationHandle operation = new TOperationHandle(id, TOperationType.EXECUTE_STATEMENT, true);
            TExecuteStatementResp response = new TExecuteStatementResp(success());
            response.setOperationHandle(operation);
            return response;
        }

        private static Object respond(Method method, TStatus status) throws ReflectiveOperationException {
            Object response = method.getReturnType().getDeclaredConstructor().newInstance();
            method.getReturnType().getMethod("setStatus", TStatus.class).invoke(response, status);
            return response;
        }

        private static TStatus success() {
            return new TStatus(TStatusCode.SUCCESS_STATUS);
        }

        private static THandleIdentifier handle() {
            UUID guid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16).putLong(guid.getMostSignificantBits())
                    .putLong(guid.getLeastSignificantBits());
            return new THandleIdentifier(bytes.flip(), ByteBuffer.wrap(new byte[16]));
        }
    }

    @Override
    public void close() throws IOException {
        server.stop();
        socket.close();
    }
}
