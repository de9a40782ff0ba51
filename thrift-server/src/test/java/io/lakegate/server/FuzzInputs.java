package io.lakegate.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TCancelDelegationTokenReq;
import org.apache.hive.service.rpc.thrift.TCancelOperationReq;
import org.apache.hive.service.rpc.thrift.TCloseOperationReq;
import org.apache.hive.service.rpc.thrift.TCloseSessionReq;
import org.apache.hive.service.rpc.thrift.TDownloadDataReq;
import org.apache.hive.service.rpc.thrift.TExecuteStatementReq;
import org.apache.hive.service.rpc.thrift.TFetchOrientation;
import org.apache.hive.service.rpc.thrift.TFetchResultsReq;
import org.apache.hive.service.rpc.thrift.TGetCatalogsReq;
import org.apache.hive.service.rpc.thrift.TGetColumnsReq;
import org.apache.hive.service.rpc.thrift.TGetCrossReferenceReq;
import org.apache.hive.service.rpc.thrift.TGetDelegationTokenReq;
import org.apache.hive.service.rpc.thrift.TGetFunctionsReq;
import org.apache.hive.service.rpc.thrift.TGetInfoReq;
import org.apache.hive.service.rpc.thrift.TGetInfoType;
import org.apache.hive.service.rpc.thrift.TGetOperationStatusReq;
import org.apache.hive.service.rpc.thrift.TGetPrimaryKeysReq;
import org.apache.hive.service.rpc.thrift.TGetQueryIdReq;
import org.apache.hive.service.rpc.thrift.TGetResultSetMetadataReq;
import org.apache.hive.service.rpc.thrift.TGetSchemasReq;
import org.apache.hive.service.rpc.thrift.TGetTableTypesReq;
import org.apache.hive.service.rpc.thrift.TGetTablesReq;
import org.apache.hive.service.rpc.thrift.TGetTypeInfoReq;
import org.apache.hive.service.rpc.thrift.THandleIdentifier;
import org.apache.hive.service.rpc.thrift.TOpenSessionReq;
import org.apache.hive.service.rpc.thrift.TOperationHandle;
import org.apache.hive.service.rpc.thrift.TOperationType;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.hive.service.rpc.thrift.TRenewDelegationTokenReq;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.apache.hive.service.rpc.thrift.TSetClientInfoReq;
import org.apache.hive.service.rpc.thrift.TUploadDataReq;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryBuffer;

/**
 * What the transport fuzzer sends: real TCLIService calls as a client serializes them (one of each function), ways to
 * damage them, and hostile messages made by hand (deep nesting, huge or negative declared sizes).
 */
final class FuzzInputs {
    private static final int[] INTERESTING_INTS = {0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7fff, 0xffff,
        64 * 1024 * 1024, 0x80010001, 127, 128, 255, 256};
    private static final byte[] INTERESTING_BYTES = {0, 1, -1, 0x7f, (byte) 0x80, TType.STRUCT, TType.LIST,
        TType.MAP, TType.SET, TType.STRING, TType.I32, 5, 99};

    private final Random random;
    private final List<byte[]> templates;

    FuzzInputs(Random random, TSessionHandle session) {
        this.random = random;
        this.templates = calls(session);
    }

    List<byte[]> templates() {
        return templates;
    }

    /** A real call, damaged one to four times. */
    byte[] mutated() {
        byte[] bytes = templates.get(random.nextInt(templates.size()));
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            bytes = mutate(bytes);
        }
        return bytes;
    }

    byte[] mutate(byte[] original) {
        byte[] bytes = original.clone();
        int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
        switch (random.nextInt(8)) {
            case 0 -> {
                if (bytes.length > 0) {
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                if (bytes.length > 0) {
                    bytes[at] = INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
                }
            }
            case 2 -> {
                return Arrays.copyOf(bytes, at);
            }
            case 3 -> {
                byte[] inserted = new byte[1 + random.nextInt(8)];
                random.nextBytes(inserted);
                return splice(bytes, at, 0, inserted);
            }
            case 4 -> {
                return splice(bytes, at, Math.min(bytes.length - at, 1 + random.nextInt(16)), new byte[0]);
            }
            case 5 -> {
                int length = Math.min(bytes.length - at, 1 + random.nextInt(32));
                return splice(bytes, at, 0, Arrays.copyOfRange(bytes, at, at + length));
            }
            default -> {
                if (at + 4 <= bytes.length) {
                    ByteBuffer.wrap(bytes, at, 4).putInt(INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)]);
                }
            }
        }
        return bytes;
    }

    /** Messages made to hurt: nesting beyond any limit, sizes that lie, a call without its request. */
    static List<byte[]> hostile() {
        List<byte[]> messages = new ArrayList<>();
        for (byte container : new byte[] {TType.LIST, TType.SET, TType.MAP, TType.STRUCT}) {
            messages.add(nested(container, 100));
            messages.add(nested(container, 200_000));
        }
        ByteBuffer hugeString = header("OpenSession", 12).put(TType.STRING).putShort((short) 1)
                .putInt(Integer.MAX_VALUE);
        messages.add(bytes(hugeString));
        ByteBuffer negativeList = header("GetTables", 12).put(TType.LIST).putShort((short) 1).put(TType.I32)
                .putInt(-5);
        messages.add(bytes(negativeList));
        ByteBuffer negativeMap = header("OpenSession", 12).put(TType.MAP).putShort((short) 1).put(TType.STRING)
                .put(TType.STRING).putInt(Integer.MIN_VALUE);
        messages.add(bytes(negativeMap));
        ByteBuffer hugeList = header("FetchResults", 12).put(TType.LIST).putShort((short) 1).put(TType.STRUCT)
                .putInt(Integer.MAX_VALUE);
        messages.add(bytes(hugeList));
        messages.add(bytes(header("OpenSession", 1).put(TType.STOP)));
        messages.add(bytes(header("ExecuteStatement", 1).put(TType.STOP)));
        messages.add(bytes(header("NoSuchFunction", 1).put(TType.STOP)));
        ByteBuffer hugeName = ByteBuffer.allocate(16).putInt(0x80010001).putInt(Integer.MAX_VALUE);
        messages.add(bytes(hugeName));
        ByteBuffer negativeName = ByteBuffer.allocate(16).putInt(0x80010001).putInt(-1);
        messages.add(bytes(negativeName));
        return messages;
    }

    /** A call of containers nested {@code depth} deep: 200,000 lists make a megabyte. */
    static byte[] nested(byte container, int depth) {
        int perLevel = switch (container) {
            case TType.LIST, TType.SET -> 5;
            case TType.MAP -> 10;
            default -> 3;
        };
        ByteBuffer buffer = header("GetTables", depth * perLevel + 32).put(container).putShort((short) 1);
        for (int i = 0; i < depth; i++) {
            switch (container) {
                case TType.LIST, TType.SET -> buffer.put(container).putInt(1);
                case TType.MAP -> buffer.put(TType.I32).put(TType.MAP).putInt(1).putInt(i);
                default -> buffer.put(TType.STRUCT).putShort((short) 1);
            }
        }
        return bytes(buffer);
    }

    /** An HTTP request carrying a call the way Hive's JDBC driver sends it. */
    static byte[] httpRequest(byte[] body) {
        String head = "POST /cliservice HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-thrift\r\n"
                + "Authorization: Basic " + Base64.getEncoder().encodeToString("fuzz:pw".getBytes(
                        StandardCharsets.UTF_8)) + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        return concat(head.getBytes(StandardCharsets.US_ASCII), body);
    }

    /** SASL PLAIN negotiation for the user fuzz, as TSaslClientTransport sends it. */
    static byte[] saslNegotiation() {
        return concat(saslMessage(1, "PLAIN".getBytes(StandardCharsets.UTF_8)),
                saslMessage(5, "\u0000fuzz\u0000pw".getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] saslMessage(int status, byte[] payload) {
        return bytes(ByteBuffer.allocate(5 + payload.length).put((byte) status).putInt(payload.length).put(payload));
    }

    static byte[] frame(byte[] message) {
        return bytes(ByteBuffer.allocate(4 + message.length).putInt(message.length).put(message));
    }

    static byte[] concat(byte[] first, byte[] second) {
        return splice(first, first.length, 0, second);
    }

    private static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
        byte[] result = new byte[bytes.length - removed + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at + removed, result, at + inserted.length, bytes.length - at - removed);
        return result;
    }

    private static ByteBuffer header(String name, int bodyBytes) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(12 + nameBytes.length + bodyBytes).putInt(0x80010001).putInt(nameBytes.length)
                .put(nameBytes).putInt(7);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    interface Call {
        void send(TCLIService.Client client) throws TException;
    }

    private static List<byte[]> calls(TSessionHandle session) {
        TSessionHandle unknown = new TSessionHandle(new THandleIdentifier(ByteBuffer.wrap(new byte[16]),
                ByteBuffer.wrap(new byte[16])));
        TOperationHandle operation = new TOperationHandle(new THandleIdentifier(ByteBuffer.wrap(new byte[16]),
                ByteBuffer.wrap(new byte[16])), TOperationType.EXECUTE_STATEMENT, true);
        TOpenSessionReq open = new TOpenSessionReq(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10);
        open.setUsername("fuzz");
        open.setPassword("pw");
        open.setConfiguration(Map.of("use:database", "default", "set:hiveconf:hive.server2.thrift.resultset."
                + "default.fetch.size", "1000"));
        TExecuteStatementReq execute = new TExecuteStatementReq(unknown, "SELECT 1");
        execute.setConfOverlay(Map.of("spark.sql.shuffle.partitions", "4"));
        execute.setRunAsync(true);
        execute.setQueryTimeout(10);
        TGetTablesReq tables = new TGetTablesReq(session);
        tables.setSchemaName("def%");
        tables.setTableName("%");
        tables.setTableTypes(List.of("TABLE", "VIEW"));
        TGetColumnsReq columns = new TGetColumnsReq(session);
        columns.setSchemaName("default");
        columns.setColumnName("%");
        TGetCrossReferenceReq crossReference = new TGetCrossReferenceReq(session);
        crossReference.setParentTableName("a");
        crossReference.setForeignTableName("b");
        TGetPrimaryKeysReq primaryKeys = new TGetPrimaryKeysReq(session);
        primaryKeys.setTableName("t");
        TSetClientInfoReq clientInfo = new TSetClientInfoReq(session);
        clientInfo.setConfiguration(Map.of("ApplicationName", "fuzz"));
        TGetSchemasReq schemas = new TGetSchemasReq(session);
        schemas.setSchemaName("%");
        List<Call> calls = List.of(
                client -> client.send_OpenSession(open),
                client -> client.send_CloseSession(new TCloseSessionReq(unknown)),
                client -> client.send_GetInfo(new TGetInfoReq(session, TGetInfoType.CLI_DBMS_NAME)),
                client -> client.send_ExecuteStatement(execute),
                client -> client.send_GetTypeInfo(new TGetTypeInfoReq(session)),
                client -> client.send_GetCatalogs(new TGetCatalogsReq(session)),
                client -> client.send_GetSchemas(schemas),
                client -> client.send_GetTables(tables),
                client -> client.send_GetTableTypes(new TGetTableTypesReq(session)),
                client -> client.send_GetColumns(columns),
                client -> client.send_GetFunctions(new TGetFunctionsReq(session, "%")),
                client -> client.send_GetPrimaryKeys(primaryKeys),
                client -> client.send_GetCrossReference(crossReference),
                client -> client.send_GetOperationStatus(new TGetOperationStatusReq(operation)),
                client -> client.send_CancelOperation(new TCancelOperationReq(operation)),
                client -> client.send_CloseOperation(new TCloseOperationReq(operation)),
                client -> client.send_GetResultSetMetadata(new TGetResultSetMetadataReq(operation)),
                client -> client.send_FetchResults(new TFetchResultsReq(operation, TFetchOrientation.FETCH_NEXT,
                        1000)),
                client -> client.send_GetDelegationToken(new TGetDelegationTokenReq(session, "fuzz", "hive")),
                client -> client.send_CancelDelegationToken(new TCancelDelegationTokenReq(session, "token")),
                client -> client.send_RenewDelegationToken(new TRenewDelegationTokenReq(session, "token")),
                client -> client.send_GetQueryId(new TGetQueryIdReq(operation)),
                client -> client.send_SetClientInfo(clientInfo),
                client -> client.send_UploadData(new TUploadDataReq(session, ByteBuffer.wrap(new byte[64]))),
                client -> client.send_DownloadData(new TDownloadDataReq(session)));
        List<byte[]> serialized = new ArrayList<>();
        for (Call call : calls) {
            serialized.add(serialize(call));
        }
        return serialized;
    }

    static byte[] serialize(Call call) {
        try {
            TMemoryBuffer buffer = new TMemoryBuffer(256);
            call.send(new TCLIService.Client(new TBinaryProtocol(buffer)));
            return Arrays.copyOf(buffer.getArray(), buffer.length());
        } catch (TException e) {
            throw new IllegalStateException(e);
        }
    }
}
