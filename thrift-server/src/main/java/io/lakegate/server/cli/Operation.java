package io.lakegate.server.cli;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hive.service.rpc.thrift.TFetchOrientation;
import org.apache.hive.service.rpc.thrift.TOperationHandle;
import org.apache.hive.service.rpc.thrift.TOperationType;
import org.apache.hive.service.rpc.thrift.TProgressUpdateResp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operation of a session: its handle, its state machine, and the rows a client fetches from it. The state has a
 * lock of its own, apart from any fetch, so that status calls, cancel and close never wait for the cluster's next
 * batch; the work of stopping and releasing runs in the background, off the caller's (or the timer's) thread.
 */
abstract class Operation {
    private static final Logger LOG = LoggerFactory.getLogger(Operation.class);

    private final Handle handle = Handle.random();
    private final ServerSession session;
    private final TOperationType type;
    private final long startedMillis = System.currentTimeMillis();
    private final Object stateLock = new Object();
    private OperationState state = OperationState.PENDING;
    private LakegateException failure;
    private long completedMillis;
    private volatile long lastUsedNanos = System.nanoTime();

    Operation(ServerSession session, TOperationType type) {
        this.session = session;
        this.type = type;
    }

    Handle handle() {
        return handle;
    }

    ServerSession session() {
        return session;
    }

    /** A call used the operation, and so its session: their idle times start again. */
    void used() {
        lastUsedNanos = System.nanoTime();
        session.used();
    }

    long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    TOperationHandle toThrift() {
        return new TOperationHandle(handle.toThrift(), type, hasResultSet());
    }

    OperationState state() {
        synchronized (stateLock) {
            return state;
        }
    }

    Optional<LakegateException> failure() {
        synchronized (stateLock) {
            return Optional.ofNullable(failure);
        }
    }

    long startedMillis() {
        return startedMillis;
    }

    long completedMillis() {
        synchronized (stateLock) {
            return completedMillis;
        }
    }

    /** Moves to the next state if the state machine allows it; false when the operation is already past it. */
    final boolean moveTo(OperationState next) {
        synchronized (stateLock) {
            if (!state.canMoveTo(next)) {
                return false;
            }
            LOG.debug("Operation {} of session {}: {} -> {} after {} ms", handle.guid(), session.handle().guid(),
                    state, next, System.currentTimeMillis() - startedMillis);
            state = next;
            if (next != OperationState.PENDING && next != OperationState.RUNNING && completedMillis == 0) {
                completedMillis = System.currentTimeMillis();
            }
            stateLock.notifyAll();
            return true;
        }
    }

    final boolean fail(LakegateException error) {
        synchronized (stateLock) {
            if (!moveTo(OperationState.ERROR)) {
                return false;
            }
            failure = error;
            return true;
        }
    }

    /** Waits, at most {@code wait}, while the operation is still pending or running; returns the state then. */
    final OperationState awaitProgress(Duration wait) throws InterruptedException {
        synchronized (stateLock) {
            long deadline = System.nanoTime() + wait.toNanos();
            OperationState seen = state;
            while (state == seen && (state == OperationState.PENDING || state == OperationState.RUNNING)) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(stateLock, remaining);
            }
            return state;
        }
    }

    /** Stops the operation at the client's request; returns at once, the work stops in the background. */
    final void cancel() {
        if (moveTo(OperationState.CANCELED)) {
            session.inBackground(this::stop);
        }
    }

    /** Stops the operation because it ran out of time; returns at once, the work stops in the background. */
    final void timeOut() {
        if (moveTo(OperationState.TIMEDOUT)) {
            session.inBackground(this::stop);
        }
    }

    /**
     * Closes the operation: its handle is gone when this returns, and what it holds is released in the background;
     * calling it again does nothing.
     */
    final void close() {
        if (moveTo(OperationState.CLOSED)) {
            session.forget(this);
            session.inBackground(this::release);
        }
    }

    /** The result's rows can be fetched; throws with the reason when they cannot. */
    final void requireFinished() {
        OperationState current = state();
        switch (current) {
            case FINISHED -> {
                return;
            }
            case ERROR -> throw failure().orElseThrow();
            case CANCELED -> throw new LakegateException(SqlStates.OPERATION_CANCELED, "The operation was cancelled");
            case TIMEDOUT -> throw new LakegateException(SqlStates.TIMEOUT_EXPIRED,
                    "The operation ran out of time and was stopped");
            case CLOSED -> throw new LakegateException(CliStates.INVALID_HANDLE, "The operation is closed");
            default -> throw new LakegateException(CliStates.SEQUENCE_ERROR,
                    "The operation has not finished yet; wait until GetOperationStatus says FINISHED");
        }
    }

    abstract boolean hasResultSet();

    /** The result's columns; only once the operation has finished. */
    abstract List<Column> columns();

    abstract FetchedRows fetch(TFetchOrientation orientation, FetchBudget budget);

    /** How far the operation has got, for clients that show progress; empty when it does not know. */
    Optional<TProgressUpdateResp> progress() {
        return Optional.empty();
    }

    /** Interrupts the work of a cancelled or timed-out operation; may wait for the cluster. */
    abstract void stop();

    /** Releases what the operation holds; may wait for the cluster, but never for a fetch in progress. */
    abstract void release();

    static LakegateException unsupportedOrientation(TFetchOrientation orientation) {
        return new LakegateException(SqlStates.FEATURE_NOT_SUPPORTED, "Fetch orientation " + orientation
                + " is not supported; use FETCH_NEXT (or FETCH_FIRST before any row was fetched)");
    }
}
