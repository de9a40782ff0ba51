package io.lakegate.engine.operation;

/**
 * The life of an operation. A statement runs (PENDING, RUNNING) and then either has its result ready (FINISHED) or
 * ends without one; every state ends in CLOSED. FINISHED may still become CANCELED or TIMEDOUT, because a result
 * streams from the cluster while the client reads it.
 */
public enum OperationState {
    PENDING,
    RUNNING,
    FINISHED,
    CANCELED,
    TIMEDOUT,
    ERROR,
    CLOSED;

    /** No further state but CLOSED can follow (FINISHED is not terminal: its result may still be cancelled). */
    public boolean isTerminal() {
        return switch (this) {
            case CANCELED, TIMEDOUT, ERROR, CLOSED -> true;
            default -> false;
        };
    }

    /** The operation's work has not produced its result (or its failure) yet. */
    public boolean isActive() {
        return this == PENDING || this == RUNNING;
    }

    /** The transition table: whether an operation in this state may move to {@code next}. */
    public boolean canMoveTo(OperationState next) {
        return switch (this) {
            case PENDING -> next != PENDING;
            case RUNNING -> next != PENDING && next != RUNNING;
            case FINISHED -> next == CANCELED || next == TIMEDOUT || next == CLOSED;
            case CANCELED, TIMEDOUT, ERROR -> next == CLOSED;
            case CLOSED -> false;
        };
    }
}
