package io.lakegate.server.cli;

import org.apache.hive.service.rpc.thrift.TOperationState;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;

/**
 * The life of an operation. A statement runs (PENDING, RUNNING) and then either has its result ready (FINISHED) or
 * ends without one; every state ends in CLOSED. FINISHED may still become CANCELED or TIMEDOUT, because a result
 * streams from the cluster while the client fetches it.
 */
enum OperationState {
    PENDING(TOperationState.PENDING_STATE),
    RUNNING(TOperationState.RUNNING_STATE),
    FINISHED(TOperationState.FINISHED_STATE),
    CANCELED(TOperationState.CANCELED_STATE),
    TIMEDOUT(TOperationState.TIMEDOUT_STATE),
    ERROR(TOperationState.ERROR_STATE),
    CLOSED(TOperationState.CLOSED_STATE);

    private final TOperationState thrift;

    OperationState(TOperationState thrift) {
        this.thrift = thrift;
    }

    /** The state as a client of that protocol knows it: TIMEDOUT came with V9, older clients see CANCELED. */
    TOperationState toThrift(TProtocolVersion protocol) {
        if (this == TIMEDOUT && protocol.getValue() < TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V9.getValue()) {
            return TOperationState.CANCELED_STATE;
        }
        return thrift;
    }

    /** No further state but CLOSED can follow (FINISHED is not terminal: its result may still be cancelled). */
    boolean isTerminal() {
        return switch (this) {
            case CANCELED, TIMEDOUT, ERROR, CLOSED -> true;
            default -> false;
        };
    }

    boolean canMoveTo(OperationState next) {
        return switch (this) {
            case PENDING -> next != PENDING;
            case RUNNING -> next != PENDING && next != RUNNING;
            case FINISHED -> next == CANCELED || next == TIMEDOUT || next == CLOSED;
            case CANCELED, TIMEDOUT, ERROR -> next == CLOSED;
            case CLOSED -> false;
        };
    }
}
