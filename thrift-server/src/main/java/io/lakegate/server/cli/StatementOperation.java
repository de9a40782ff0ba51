package io.lakegate.server.cli;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.ColumnBatch;
import io.lakegate.engine.ExecutionProgress;
import io.lakegate.engine.Statement;
import io.lakegate.engine.StatementResult;
import java.util.List;
import java.util.Optional;
import org.apache.hive.service.rpc.thrift.TFetchOrientation;
import org.apache.hive.service.rpc.thrift.TJobExecutionStatus;
import org.apache.hive.service.rpc.thrift.TOperationType;
import org.apache.hive.service.rpc.thrift.TProgressUpdateResp;
import org.apache.hive.service.rpc.thrift.TRowSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A statement run on the engine. It counts as running until its first rows have arrived (or a command has run), so
 * that a long query is waited for with short GetOperationStatus calls and can be cancelled meanwhile; then the
 * client fetches its rows, each fetch pulling only the batches it needs from the cluster.
 */
final class StatementOperation extends Operation {
    private static final Logger LOG = LoggerFactory.getLogger(StatementOperation.class);
    private static final List<String> PROGRESS_HEADERS =
            List.of("STAGES", "STATUS", "TOTAL", "COMPLETED", "RUNNING", "PENDING", "FAILED");

    private final String sql;
    private final Statement statement;
    private volatile StatementResult result;
    /** Fetch position, guarded by {@code this} like every fetch. */
    private ColumnBatch batch;
    private int batchOffset;
    private long rowsFetched;
    private boolean exhausted;

    StatementOperation(ServerSession session, String sql) {
        super(session, TOperationType.EXECUTE_STATEMENT);
        this.sql = sql;
        this.statement = session.engineSession().createStatement();
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
            if (state() == OperationState.CLOSED) {
                // Closed while the statement started: release() may have come before there was a result to close.
                closeResult();
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
    synchronized TRowSet fetch(TFetchOrientation orientation, int maxRows) {
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
        while (rows.rowCount() < maxRows && !exhausted) {
            if (batch == null || batchOffset == batch.rowCount()) {
                if (result.hasNext()) {
                    batch = result.next();
                    batchOffset = 0;
                } else {
                    finishedReading();
                }
                continue;
            }
            int take = Math.min(maxRows - rows.rowCount(), batch.rowCount() - batchOffset);
            rows.addBatch(batch, batchOffset, take);
            batchOffset += take;
        }
        rowsFetched += rows.rowCount();
        return rows.build(session().protocol());
    }

    /** Every row has been read: the result closes now, and nothing is left to stop on the cluster. */
    private synchronized void finishedReading() {
        exhausted = true;
        batch = null;
        result.close();
    }

    private synchronized void closeResult() {
        if (result != null) {
            result.close();
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
        // Closing the statement first stops a fetch that waits on the cluster, so the lock below comes free.
        statement.close();
        closeResult();
        session().forget(this);
    }
}
