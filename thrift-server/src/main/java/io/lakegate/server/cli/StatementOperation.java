package io.lakegate.server.cli;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.ColumnBatch;
import io.lakegate.engine.ExecutionProgress;
import io.lakegate.engine.Statement;
import io.lakegate.engine.StatementResult;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.hive.service.rpc.thrift.TFetchOrientation;
import org.apache.hive.service.rpc.thrift.TJobExecutionStatus;
import org.apache.hive.service.rpc.thrift.TOperationType;
import org.apache.hive.service.rpc.thrift.TProgressUpdateResp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A statement run on the engine. It counts as running until its first rows have arrived (or a command has run), so
 * that a long query is waited for with short GetOperationStatus calls and can be cancelled meanwhile; then the
 * client fetches its rows, each fetch pulling only the batches it needs from the cluster. A fetch holds the fetch
 * lock while it waits for a batch; closing never waits for it: the result (and its Arrow memory) is freed by whoever
 * holds the lock last, the closing thread or the fetch that was running.
 */
final class StatementOperation extends Operation {
    private static final Logger LOG = LoggerFactory.getLogger(StatementOperation.class);
    private static final List<String> PROGRESS_HEADERS =
            List.of("STAGES", "STATUS", "TOTAL", "COMPLETED", "RUNNING", "PENDING", "FAILED");

    private final String sql;
    private final Statement statement;
    private volatile StatementResult result;
    private final ReentrantLock fetchLock = new ReentrantLock();
    /** The query timeout's timer, while the statement's work on the cluster has not ended. */
    private volatile Future<?> timeLimit;
    /** Set when the operation closed while a fetch held the lock: that fetch frees the result as it ends. */
    private volatile boolean closeRequested;
    /** Fetch position, guarded by {@code fetchLock}. */
    private ColumnBatch batch;
    private int batchOffset;
    private long rowsFetched;
    private boolean exhausted;

    StatementOperation(ServerSession session, String sql) {
        super(session, TOperationType.EXECUTE_STATEMENT);
        this.sql = sql;
        this.statement = session.engineSession().createStatement();
    }

    /**
     * The client's query timeout: it runs until the statement's work on the cluster ends (every row read, or the
     * statement failed or closed), not only until its first rows. Set before the statement runs.
     */
    void limitTime(Future<?> timer) {
        timeLimit = timer;
    }

    /** Runs the statement until its first rows are there; on the caller's thread. */
    void run() {
        if (!moveTo(OperationState.RUNNING)) {
            return;
        }
        try {
            StatementResult started = statement.execute(sql);
            result = started;
            // Waits for the first batch: queries stay RUNNING while the cluster works, and their errors come here.
            if (!started.hasNext()) {
                finishedReading();
            }
            moveTo(OperationState.FINISHED);
        } catch (LakegateException e) {
            if (!fail(e)) {
                LOG.debug("Operation {} ended as {} before its statement failed: {}", handle().guid(), state(),
                        e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.error("Statement of operation {} failed unexpectedly", handle().guid(), e);
            fail(internalFailure(e));
        } finally {
            if (state() == OperationState.RUNNING) {
                // An Error (a class gone missing, say) left the statement half started: the client must not wait on.
                fail(internalFailure(null));
            }
            if (state().isTerminal()) {
                endTimeLimit();
            }
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

    @Override
    boolean hasResultSet() {
        StatementResult current = result;
        return current != null && !current.columns().isEmpty();
    }

    @Override
    List<Column> columns() {
        requireFinished();
        return result.columns().stream()
                .map(column -> new Column(column.name(), column.type(), Optional.empty()))
                .toList();
    }

    @Override
    FetchedRows fetch(TFetchOrientation orientation, FetchBudget budget) {
        fetchLock.lock();
        try {
            return fetchLocked(orientation, budget);
        } finally {
            fetchLock.unlock();
            if (closeRequested) {
                closeResultWhenIdle();
            }
        }
    }

    private FetchedRows fetchLocked(TFetchOrientation orientation, FetchBudget budget) {
        requireFinished();
        if (orientation == TFetchOrientation.FETCH_FIRST && rowsFetched > 0) {
            throw new LakegateException(SqlStates.FEATURE_NOT_SUPPORTED, "FETCH_FIRST is not supported once rows "
                    + "have been fetched: the result streams from the cluster and is not kept; run the statement "
                    + "again");
        }
        if (orientation != TFetchOrientation.FETCH_FIRST && orientation != TFetchOrientation.FETCH_NEXT) {
            throw unsupportedOrientation(orientation);
        }
        List<Column> columns = columns();
        RowSetBuilder rows = new RowSetBuilder(columns, rowsFetched);
        while (!rows.isFull(budget) && !exhausted) {
            requireFinished();
            if (batch == null || batchOffset == batch.rowCount()) {
                if (result.hasNext()) {
                    batch = result.next();
                    batchOffset = 0;
                } else {
                    finishedReading();
                }
                continue;
            }
            batchOffset += rows.addRows(batch, batchOffset, batch.rowCount() - batchOffset, budget);
        }
        rowsFetched += rows.rowCount();
        return new FetchedRows(rows.build(session().protocol()), !exhausted);
    }

    /** Every row has been read: the result closes now, and nothing is left to stop on the cluster. */
    private void finishedReading() {
        fetchLock.lock();
        try {
            exhausted = true;
            batch = null;
            result.close();
        } finally {
            fetchLock.unlock();
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
        if (!fetchLock.tryLock()) {
            return;
        }
        try {
            batch = null;
            if (result != null) {
                result.close();
            }
        } finally {
            fetchLock.unlock();
        }
    }

    @Override
    Optional<TProgressUpdateResp> progress() {
        StatementResult current = result;
        if (current == null) {
            return Optional.empty();
        }
        return current.progress().map(this::toThrift);
    }

    private TProgressUpdateResp toThrift(ExecutionProgress progress) {
        List<List<String>> rows = progress.stages().stream()
                .map(stage -> List.of("Stage-" + stage.id(), stage.done() ? "SUCCEEDED" : "RUNNING",
                        String.valueOf(stage.tasks()), String.valueOf(stage.completedTasks()),
                        stage.done() ? "0" : String.valueOf(stage.tasks() - stage.completedTasks()), "0", "0"))
                .toList();
        boolean done = state() != OperationState.PENDING && state() != OperationState.RUNNING;
        return new TProgressUpdateResp(PROGRESS_HEADERS, rows, done ? 1.0 : progress.completedFraction(),
                done ? TJobExecutionStatus.COMPLETE : TJobExecutionStatus.IN_PROGRESS,
                "STAGES: " + progress.stages().stream().filter(ExecutionProgress.Stage::done).count() + "/"
                        + progress.stages().size(),
                startedMillis());
    }

    @Override
    void stop() {
        statement.cancel();
    }

    @Override
    void release() {
        // Closing the statement first stops a fetch that waits on the cluster, so that it ends and frees the result.
        statement.close();
        closeResultWhenIdle();
        endTimeLimit();
    }
}
