package io.lakegate.engine.operation;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.ColumnBatch;
import io.lakegate.engine.ExecutionProgress;
import io.lakegate.engine.ResultColumn;
import io.lakegate.engine.Session;
import io.lakegate.engine.Statement;
import io.lakegate.engine.StatementResult;
import io.lakegate.engine.frontend.FrontEnd;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A statement run as an operation. It counts as running until its first rows have arrived (or a command has run), so
 * that a long query is waited for with short status calls and can be cancelled meanwhile; then the caller fetches its
 * rows, each fetch pulling only the batches it needs from the cluster. Its execution on the cluster has the
 * operation's id.
 *
 * <p>A fetch holds the read lock while it waits for a batch; closing never waits for it: the result (and its Arrow
 * memory) is freed by whoever holds the lock last, the closing thread or the fetch that was running.
 */
public final class QueryOperation extends Operation {
    private static final Logger LOG = LoggerFactory.getLogger(QueryOperation.class);

    private final String sql;
    private final Statement statement;
    /** What the handle says before the statement has run; its result tells for sure. */
    private final boolean returnsRows;
    private volatile StatementResult result;
    private final ReentrantLock readLock = new ReentrantLock();
    /** The query timeout's timer, while the statement's work on the cluster has not ended. */
    private volatile Future<?> timeLimit;
    /** Set when the operation closed while a fetch held the lock: that fetch frees the result as it ends. */
    private volatile boolean closeRequested;
    /** Read position, guarded by {@code readLock}. */
    private ColumnBatch batch;
    private int batchOffset;
    private volatile long rowsFetched;
    private boolean exhausted;

    QueryOperation(Session session, String sql) {
        super(session);
        this.sql = sql;
        this.statement = session.createStatement();
        this.returnsRows = FrontEnd.returnsRows(sql);
    }

    Statement statement() {
        return statement;
    }

    void limitTime(Future<?> timer) {
        timeLimit = timer;
    }

    /** Runs the statement until its first rows are there; on the caller's thread. */
    void run() {
        if (!moveTo(OperationState.RUNNING)) {
            return;
        }
        try {
            StatementResult started = statement.execute(sql, id());
            result = started;
            // Waits for the first batch: queries stay RUNNING while the cluster works, and their errors come here.
            if (!started.hasNext()) {
                finishedReading();
            }
            moveTo(OperationState.FINISHED);
        } catch (LakegateException e) {
            if (!fail(e)) {
                LOG.debug("Operation {} ended as {} before its statement failed: {}", id(), state(), e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.error("Statement of operation {} failed unexpectedly", id(), e);
            fail(internalFailure(e));
        } finally {
            if (state() == OperationState.RUNNING) {
                // An Error (a class gone missing, say) left the statement half started: the caller must not wait on.
                fail(internalFailure(null));
            }
            if (state().isTerminal()) {
                endTimeLimit();
            }
            // The idle clock starts when the result is ready (or the failure known), not when the statement began.
            used();
            if (state() == OperationState.CLOSED) {
                // Closed while the statement started: release() may have come before there was a result to close.
                closeResultWhenIdle();
            }
        }
    }

    private static LakegateException internalFailure(Throwable cause) {
        return new LakegateException(
                SqlStates.INTERNAL_ERROR, "The statement failed inside the server; the server log has the details",
                cause);
    }

    /**
     * Whether the statement returns rows (queries) rather than nothing (most commands): by its result's columns once
     * it has run, before that by its first word, so that an asynchronous query's handle says it has rows, as Spark
     * Thrift Server's does.
     */
    public boolean hasResultSet() {
        StatementResult current = result;
        return current == null ? returnsRows : !current.columns().isEmpty();
    }

    /** The result's columns; only once the operation has finished. */
    public List<ResultColumn> columns() {
        requireFinished();
        return result.columns();
    }

    /**
     * Reads rows into the sink until it is full or the result ends, or, once it holds rows, until the next batch has
     * not arrived by {@code maxWait} after the fetch began: a client asking for many rows of a slow query gets the
     * first ones rather than none until the cluster has produced them all. A fetch that holds none waits for them,
     * since an empty answer tells the client the result has ended. Returns whether rows may be left.
     *
     * @param fromStart the caller asks for the first rows again, which works only before any row was fetched: the
     *     result streams from the cluster and is not kept
     */
    public boolean fetch(RowSink sink, boolean fromStart, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        readLock.lock();
        try {
            used();
            return fetchLocked(sink, fromStart, deadline);
        } finally {
            used();
            readLock.unlock();
            if (closeRequested) {
                closeResultWhenIdle();
            }
        }
    }

    @Override
    protected boolean inUse() {
        return readLock.isLocked();
    }

    private boolean fetchLocked(RowSink sink, boolean fromStart, long deadline) {
        requireFinished();
        if (fromStart && rowsFetched > 0) {
            throw new LakegateException(SqlStates.FEATURE_NOT_SUPPORTED, "Reading from the first row again is not "
                    + "supported once rows have been fetched: the result streams from the cluster and is not kept; "
                    + "run the statement again");
        }
        boolean holdsRows = false;
        while (!sink.isFull() && !exhausted) {
            requireFinished();
            if (batch == null || batchOffset == batch.rowCount()) {
                if (holdsRows && !result.awaitNext(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                    break;
                }
                if (result.hasNext()) {
                    batch = result.next();
                    batchOffset = 0;
                } else {
                    finishedReading();
                }
                continue;
            }
            int taken = sink.take(batch, batchOffset, batch.rowCount() - batchOffset);
            batchOffset += taken;
            rowsFetched += taken;
            holdsRows |= taken > 0;
        }
        return !exhausted;
    }

    /** Rows handed to fetches so far. */
    public long rowsFetched() {
        return rowsFetched;
    }

    /** Every row has been read: the result closes now, and nothing is left to stop on the cluster. */
    private void finishedReading() {
        readLock.lock();
        try {
            exhausted = true;
            batch = null;
            result.close();
        } finally {
            readLock.unlock();
        }
        endTimeLimit();
    }

    private void endTimeLimit() {
        Future<?> timer = timeLimit;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Frees the result now if no fetch holds it, else leaves that to the fetch as it ends. */
    private void closeResultWhenIdle() {
        closeRequested = true;
        if (!readLock.tryLock()) {
            return;
        }
        try {
            batch = null;
            StatementResult current = result;
            if (current != null) {
                current.close();
            }
        } finally {
            readLock.unlock();
        }
    }

    /** The cluster's latest report on the statement's progress, once it has sent one. */
    public Optional<ExecutionProgress> progress() {
        StatementResult current = result;
        return current == null ? Optional.empty() : current.progress();
    }

    @Override
    protected void stop() {
        statement.cancel();
    }

    @Override
    protected void release() {
        // Closing the statement first stops a fetch that waits on the cluster, so that it ends and frees the result.
        statement.close();
        closeResultWhenIdle();
        endTimeLimit();
    }
}
