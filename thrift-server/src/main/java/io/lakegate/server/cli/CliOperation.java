package io.lakegate.server.cli;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.operation.Operation;
import io.lakegate.engine.operation.OperationState;
import java.util.List;
import java.util.Optional;
import org.apache.hive.service.rpc.thrift.TFetchOrientation;
import org.apache.hive.service.rpc.thrift.TOperationHandle;
import org.apache.hive.service.rpc.thrift.TOperationState;
import org.apache.hive.service.rpc.thrift.TOperationType;
import org.apache.hive.service.rpc.thrift.TProgressUpdateResp;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;

/**
 * An engine operation as HiveServer2 clients see it: a handle whose id is the engine operation's (and so the Spark
 * execution's), a type, and its result as rows of the session's protocol. The lifecycle (states, cancel, close, idle
 * and query timeouts, limits) is the engine's.
 */
interface CliOperation {
    Handle handle();

    TOperationType type();

    ServerSession serverSession();

    /** The engine's operation, which owns the state. */
    Operation lifecycle();

    boolean hasResultSet();

    /** The result's columns; only once the operation has finished. */
    List<Column> columns();

    FetchedRows fetch(TFetchOrientation orientation, FetchBudget budget);

    /** How far the operation has got, for clients that show progress; empty when it does not know. */
    default Optional<TProgressUpdateResp> progress() {
        return Optional.empty();
    }

    default TOperationHandle toThrift() {
        return new TOperationHandle(handle().toThrift(), type(), hasResultSet());
    }

    /** The state as a client of that protocol knows it: TIMEDOUT came with V9, older clients see CANCELED. */
    static TOperationState toThrift(OperationState state, TProtocolVersion protocol) {
        return switch (state) {
            case PENDING -> TOperationState.PENDING_STATE;
            case RUNNING -> TOperationState.RUNNING_STATE;
            case FINISHED -> TOperationState.FINISHED_STATE;
            case CANCELED -> TOperationState.CANCELED_STATE;
            case TIMEDOUT -> protocol.getValue() < TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V9.getValue()
                    ? TOperationState.CANCELED_STATE : TOperationState.TIMEDOUT_STATE;
            case ERROR -> TOperationState.ERROR_STATE;
            case CLOSED -> TOperationState.CLOSED_STATE;
        };
    }

    static LakegateException unsupportedOrientation(TFetchOrientation orientation) {
        return new LakegateException(SqlStates.FEATURE_NOT_SUPPORTED, "Fetch orientation " + orientation
                + " is not supported; use FETCH_NEXT (or FETCH_FIRST before any row was fetched)");
    }
}
