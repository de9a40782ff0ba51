package io.lakegate.engine;

import static java.util.Objects.requireNonNull;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.connect.ConnectSession;
import io.lakegate.engine.connect.ExecutionStream;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs statements of a session one at a time, and can cancel the running one from another thread. A statement runs
 * from {@link #execute} until its result is read to the end or closed.
 */
public final class Statement implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Statement.class);
    private static final int SQL_LOG_CHARS = 500;

    private final Session session;
    private Execution running;
    private boolean closed;

    /** One run of a statement on the cluster, found there by its operation id. */
    private record Execution(ConnectSession connect, String operationId, String sql, long startNanos) {}

    Statement(Session session) {
        this.session = requireNonNull(session, "session is null");
    }

    /**
     * Runs a statement and returns once its result's columns are known; commands (DDL, DML) have run by then. A result
     * that is still open from the previous call is closed first.
     */
    public StatementResult execute(String sql) {
        requireNonNull(sql, "sql is null");
        ConnectSession connect = session.connectSession();
        Execution execution = new Execution(connect, UUID.randomUUID().toString(), sql, System.nanoTime());
        synchronized (this) {
            if (closed) {
                throw new LakegateException(SqlStates.INVALID_STATE, "The statement is closed");
            }
            running = execution;
        }
        BufferAllocator allocator = session.newAllocator(execution.operationId());
        try {
            ExecutionStream stream = connect.execute(sql, execution.operationId(), allocator);
            synchronized (this) {
                if (running != execution) {
                    // cancel() or close() came while the cluster was preparing; Spark now knows the operation.
                    stream.close();
                    interrupt(execution);
                    throw new LakegateException(SqlStates.OPERATION_CANCELED, "The statement was cancelled");
                }
            }
            return new StatementResult(this, stream, allocator);
        } catch (RuntimeException e) {
            allocator.close();
            clearIfRunning(execution);
            noteClusterLoss(e, connect);
            LOG.info("Statement failed: session={} operation={} elapsed={}ms error={} sql={}",
                    session.id(), execution.operationId(), elapsedMillis(execution), e.getMessage(), abbreviate(sql));
            throw e;
        }
    }

    /**
     * Stops the running statement, if any; its reader then fails with SQLSTATE HY008. Safe to call from any thread
     * and at any time.
     */
    public void cancel() {
        Execution execution;
        synchronized (this) {
            execution = running;
            running = null;
        }
        if (execution != null) {
            LOG.info("Cancelling statement: session={} operation={}", session.id(), execution.operationId());
            interrupt(execution);
        }
    }

    /** Cancels the running statement and refuses further ones. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        cancel();
        session.forget(this);
    }

    void finished(boolean completed, long rows) {
        Execution execution;
        synchronized (this) {
            execution = running;
            running = null;
        }
        if (execution == null) {
            return;
        }
        if (!completed) {
            // Closing the stream abandons the call; an interrupt also stops the work the cluster queued for it.
            interrupt(execution);
        }
        LOG.info("Statement {}: session={} operation={} rows={} elapsed={}ms sql={}",
                completed ? "finished" : "closed early", session.id(), execution.operationId(), rows,
                elapsedMillis(execution), abbreviate(execution.sql()));
    }

    /** A result's reader failed; a lost cluster means the session must move to a new one. */
    void readFailed(RuntimeException failure) {
        Execution execution;
        synchronized (this) {
            execution = running;
        }
        if (execution != null) {
            noteClusterLoss(failure, execution.connect());
        }
    }

    private void noteClusterLoss(RuntimeException failure, ConnectSession connect) {
        if (failure instanceof LakegateException lakegate
                && lakegate.sqlState().equals(SqlStates.CONNECTION_FAILURE)) {
            session.statementLostCluster(connect);
        }
    }

    private synchronized void clearIfRunning(Execution execution) {
        if (running == execution) {
            running = null;
        }
    }

    private static void interrupt(Execution execution) {
        try {
            execution.connect().interrupt(execution.operationId());
        } catch (LakegateException e) {
            LOG.debug("Could not interrupt operation {}", execution.operationId(), e);
        }
    }

    private static long elapsedMillis(Execution execution) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - execution.startNanos());
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= SQL_LOG_CHARS ? oneLine : oneLine.substring(0, SQL_LOG_CHARS) + "…";
    }
}
