package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TCloseOperationReq;
import org.apache.hive.service.rpc.thrift.TCloseSessionReq;
import org.apache.hive.service.rpc.thrift.TColumn;
import org.apache.hive.service.rpc.thrift.TExecuteStatementReq;
import org.apache.hive.service.rpc.thrift.TExecuteStatementResp;
import org.apache.hive.service.rpc.thrift.TFetchOrientation;
import org.apache.hive.service.rpc.thrift.TFetchResultsReq;
import org.apache.hive.service.rpc.thrift.TFetchResultsResp;
import org.apache.hive.service.rpc.thrift.TGetOperationStatusReq;
import org.apache.hive.service.rpc.thrift.TGetOperationStatusResp;
import org.apache.hive.service.rpc.thrift.TGetResultSetMetadataReq;
import org.apache.hive.service.rpc.thrift.TGetResultSetMetadataResp;
import org.apache.hive.service.rpc.thrift.TOpenSessionReq;
import org.apache.hive.service.rpc.thrift.TOpenSessionResp;
import org.apache.hive.service.rpc.thrift.TOperationHandle;
import org.apache.hive.service.rpc.thrift.TOperationState;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.hive.service.rpc.thrift.TRowSet;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.apache.hive.service.rpc.thrift.TStatus;
import org.apache.hive.service.rpc.thrift.TStatusCode;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;

/**
 * A Thrift client that behaves as PyHive 0.7 does for dbt-spark (method {@code thrift}, NOSASL): protocol V6 and an
 * answer of exactly V6, only SUCCESS_STATUS accepted, {@code USE `default`} after OpenSession, every statement run
 * asynchronously and polled, one trailing {@code ;} stripped, metadata read only when the handle says there are rows,
 * and FetchResults of 1000 rows until an empty batch, columnar only.
 */
final class PyHiveClient implements AutoCloseable {
    private static final Set<TOperationState> UNFINISHED =
            Set.of(TOperationState.INITIALIZED_STATE, TOperationState.RUNNING_STATE, TOperationState.PENDING_STATE);

    /** A statement's result: its column names and rows, each value as text (null for NULL). */
    record Result(List<String> columns, List<List<String>> rows) {}

    private final TSocket socket;
    private final TCLIService.Client client;
    private final TSessionHandle session;

    PyHiveClient(int port, String user, Map<String, String> configuration) throws TException {
        socket = new TSocket("127.0.0.1", port);
        socket.open();
        client = new TCLIService.Client(new TBinaryProtocol(socket));
        TOpenSessionReq request = new TOpenSessionReq(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V6);
        request.setUsername(user);
        request.setConfiguration(configuration);
        TOpenSessionResp response = client.OpenSession(request);
        check(response.getStatus());
        assertThat(response.getServerProtocolVersion()).as("Unable to handle protocol version")
                .isEqualTo(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V6);
        session = response.getSessionHandle();
        TExecuteStatementResp use = client.ExecuteStatement(new TExecuteStatementReq(session, "USE `default`"));
        check(use.getStatus());
        check(client.CloseOperation(new TCloseOperationReq(use.getOperationHandle())).getStatus());
    }

    /** Runs a statement as dbt-spark's cursor does; a failure throws with the text dbt would match on. */
    Result execute(String sql) throws TException {
        String statement = sql.strip().endsWith(";") ? sql.strip().substring(0, sql.strip().length() - 1) : sql;
        TExecuteStatementReq request = new TExecuteStatementReq(session, statement);
        request.setRunAsync(true);
        TExecuteStatementResp response = client.ExecuteStatement(request);
        check(response.getStatus());
        TOperationHandle operation = response.getOperationHandle();
        TGetOperationStatusReq poll = new TGetOperationStatusReq(operation);
        poll.setGetProgressUpdate(true);
        TGetOperationStatusResp status = client.GetOperationStatus(poll);
        while (UNFINISHED.contains(status.getOperationState())) {
            status = client.GetOperationStatus(poll);
        }
        check(status.getStatus());
        if (status.isSetErrorMessage()) {
            throw new IllegalStateException(status.getErrorMessage());
        }
        if (status.getOperationState() != TOperationState.FINISHED_STATE) {
            throw new IllegalStateException("Query failed with status: " + status.getOperationState());
        }
        Result result = new Result(List.of(), List.of());
        if (operation.isHasResultSet()) {
            result = fetchAll(operation);
        }
        check(client.CloseOperation(new TCloseOperationReq(operation)).getStatus());
        return result;
    }

    private Result fetchAll(TOperationHandle operation) throws TException {
        TGetResultSetMetadataResp metadata = client.GetResultSetMetadata(new TGetResultSetMetadataReq(operation));
        check(metadata.getStatus());
        List<String> columns = metadata.getSchema().getColumns().stream().map(column -> column.getColumnName())
                .toList();
        List<List<String>> rows = new ArrayList<>();
        while (true) {
            TFetchResultsResp fetched = client.FetchResults(
                    new TFetchResultsReq(operation, TFetchOrientation.FETCH_NEXT, 1000));
            check(fetched.getStatus());
            TRowSet set = fetched.getResults();
            assertThat(set.getRows()).as("columnar results").isEmpty();
            int count = set.getColumnsSize() == 0 ? 0 : size(set.getColumns().get(0));
            if (count == 0) {
                return new Result(columns, rows);
            }
            for (int row = 0; row < count; row++) {
                List<String> values = new ArrayList<>();
                for (TColumn column : set.getColumns()) {
                    values.add(value(column, row));
                }
                rows.add(values);
            }
        }
    }

    private static int size(TColumn column) {
        return values(column).size();
    }

    private static List<?> values(TColumn column) {
        return switch (column.getSetField()) {
            case BOOL_VAL -> column.getBoolVal().getValues();
            case BYTE_VAL -> column.getByteVal().getValues();
            case I16_VAL -> column.getI16Val().getValues();
            case I32_VAL -> column.getI32Val().getValues();
            case I64_VAL -> column.getI64Val().getValues();
            case DOUBLE_VAL -> column.getDoubleVal().getValues();
            case STRING_VAL -> column.getStringVal().getValues();
            case BINARY_VAL -> column.getBinaryVal().getValues();
        };
    }

    private static String value(TColumn column, int row) {
        byte[] nulls = switch (column.getSetField()) {
            case BOOL_VAL -> column.getBoolVal().getNulls();
            case BYTE_VAL -> column.getByteVal().getNulls();
            case I16_VAL -> column.getI16Val().getNulls();
            case I32_VAL -> column.getI32Val().getNulls();
            case I64_VAL -> column.getI64Val().getNulls();
            case DOUBLE_VAL -> column.getDoubleVal().getNulls();
            case STRING_VAL -> column.getStringVal().getNulls();
            case BINARY_VAL -> column.getBinaryVal().getNulls();
        };
        // LSB first within each byte, as PyHive reads the bitmap.
        boolean isNull = row / 8 < nulls.length && (nulls[row / 8] & (1 << (row % 8))) != 0;
        return isNull ? null : String.valueOf(values(column).get(row));
    }

    /** PyHive's _check_status: anything but SUCCESS_STATUS is an error, SUCCESS_WITH_INFO included. */
    private static void check(TStatus status) {
        if (status.getStatusCode() != TStatusCode.SUCCESS_STATUS) {
            throw new IllegalStateException(status.getStatusCode() + ": " + status.getErrorMessage());
        }
    }

    @Override
    public void close() throws TException {
        try {
            client.CloseSession(new TCloseSessionReq(session));
        } finally {
            socket.close();
        }
    }
}
