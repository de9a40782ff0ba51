package io.lakegate.engine.operation;

import static java.util.Objects.requireNonNull;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.Session;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operation of a session, from its start until it is closed: its id, its state machine and what stopping and
 * releasing it take. The state has a lock of its own, apart from any read of the result, so that status calls, cancel
 * and close never wait for the cluster's next batch; the work of stopping and releasing runs on the manager's
 * background threads, off the caller's (or the reaper's) thread. Subclasses add the result.
 *
 * <p>An operation counts against its session's and user's limits from {@link OperationManager#register} until it is
 * closed; the manager closes it when it has gone unused for the idle timeout.
 */
public abstract class Operation {
    private static final Logger LOG = LoggerFactory.getLogger(Operation.class);

    private final UUID id = UUID.randomUUID();
    private final Session session;
    private final long startedMillis = System.currentTimeMillis();
    private final Object stateLock = new Object();
    private OperationState state = OperationState.PENDING;
    private LakegateException failure;
    private long completedMillis;
    private volatile long lastUsedNanos = System.nanoTime();
    private volatile OperationManager manager;
    private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();

    protected Operation(Session session) {
        this.session = requireNonNull(session, "session is null");
    }

    /** The operation's id, in every log line about it; a statement's execution on the cluster has the same id. */
    public final UUID id() {
        return id;
    }

    public final Session session() {
        return session;
    }

    /** A caller used the operation, and so its session: their idle times start again. */
    public final void used() {
        lastUsedNanos = System.nanoTime();
        session.used();
    }

    /** How long since a caller last used the operation; zero while it is {@link #inUse}. */
    final long idleNanos() {
        return inUse() ? 0 : System.nanoTime() - lastUsedNanos;
    }

    /** Whether a caller is using the operation right now (a fetch waiting for the cluster), however long it takes. */
    protected boolean inUse() {
        return false;
    }

    public final OperationState state() {
        synchronized (stateLock) {
            return state;
        }
    }

    /** Why the operation failed, once it is in ERROR. */
    public final Optional<LakegateException> failure() {
        synchronized (stateLock) {
            return Optional.ofNullable(failure);
        }
    }

    public final long startedMillis() {
        return startedMillis;
    }

    /** When the operation's work ended (its result ready or its failure known); 0 while it runs. */
    public final long completedMillis() {
        synchronized (stateLock) {
            return completedMillis;
        }
    }

    final void registeredWith(OperationManager owner) {
        manager = owner;
    }

    /** Moves to the next state if the transition table allows it; false when the operation is already past it. */
    protected final boolean moveTo(OperationState next) {
        synchronized (stateLock) {
            if (!state.canMoveTo(next)) {
                return false;
            }
            LOG.debug("Operation {} of session {}: {} -> {} after {} ms", id, session.id(), state, next,
                    System.currentTimeMillis() - startedMillis);
            state = next;
            if (!next.isActive() && completedMillis == 0) {
                completedMillis = System.currentTimeMillis();
            }
            stateLock.notifyAll();
            return true;
        }
    }

    protected final boolean fail(LakegateException error) {
        synchronized (stateLock) {
            if (!moveTo(OperationState.ERROR)) {
                return false;
            }
            failure = error;
            return true;
        }
    }

    /**
     * Waits, at most {@code wait}, while the operation is still pending or running; returns the state then. Starting to
     * run does not end the wait: a status call that returned at RUNNING would only cost the client another one.
     */
    public final OperationState awaitProgress(Duration wait) throws InterruptedException {
        synchronized (stateLock) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (state.isActive()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(stateLock, remaining);
            }
            return state;
        }
    }

    /** Stops the operation at the caller's request; returns at once, the work stops in the background. */
    public final void cancel() {
        if (moveTo(OperationState.CANCELED)) {
            inBackground(this::stop);
        }
    }

    /** Stops the operation because it ran out of time; returns at once, the work stops in the background. */
    public final void timeOut() {
        if (moveTo(OperationState.TIMEDOUT)) {
            LOG.info("Operation {} of session {} ran out of time", id, session.id());
            inBackground(this::stop);
        }
    }

    /**
     * Closes the operation: it no longer counts against any limit when this returns, and what it holds is released in
     * the background; calling it again does nothing.
     */
    public final void close() {
        if (moveTo(OperationState.CLOSED)) {
            OperationManager owner = manager;
            if (owner != null) {
                owner.closed(this);
            }
            closeListeners.forEach(Runnable::run);
            inBackground(this::release);
        }
    }

    /**
     * Runs when the operation closes, whoever closes it (its owner, its session's close, the idle reaper); at once
     * when it is closed already.
     */
    public final void whenClosed(Runnable listener) {
        closeListeners.add(requireNonNull(listener, "listener is null"));
        if (state() == OperationState.CLOSED && closeListeners.remove(listener)) {
            listener.run();
        }
    }

    /** The result can be read; throws with the reason when it cannot. */
    public final void requireFinished() {
        OperationState current = state();
        switch (current) {
            case FINISHED -> {
                return;
            }
            case ERROR -> throw failure().orElseThrow();
            case CANCELED -> throw new LakegateException(SqlStates.OPERATION_CANCELED, "The operation was cancelled");
            case TIMEDOUT -> throw new LakegateException(SqlStates.TIMEOUT_EXPIRED,
                    "The operation ran out of time and was stopped");
            case CLOSED -> throw new LakegateException(SqlStates.INVALID_HANDLE, "The operation is closed");
            default -> throw new LakegateException(SqlStates.SEQUENCE_ERROR,
                    "The operation has not finished yet; wait until its state is FINISHED");
        }
    }

    private void inBackground(Runnable work) {
        OperationManager owner = manager;
        if (owner == null) {
            work.run();
        } else {
            owner.inBackground(work);
        }
    }

    /** Interrupts the work of a cancelled or timed-out operation; may wait for the cluster. */
    protected abstract void stop();

    /** Releases what the operation holds; may wait for the cluster, but never for a read in progress. */
    protected abstract void release();
}
