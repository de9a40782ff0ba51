package io.lakegate.engine;

import static java.util.Objects.requireNonNull;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.connect.ConnectSession;
import io.lakegate.engine.connect.ExecutionStream;
import io.lakegate.engine.frontend.Analysis;
import io.lakegate.engine.policy.AuthorizedStatement;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
    /**
     * Spark drops an interrupt that comes before the statement's first job is submitted, and the job then runs to its
     * end (adaptive execution submits stage jobs asynchronously). A stop therefore waits, this long at most, until the
     * cluster shows it is working on the statement.
     */
    private static final Duration WORK_START_WAIT = Duration.ofSeconds(3);
    private static final Duration WORK_POLL = Duration.ofMillis(50);

    private final Session session;
    private final boolean closesWithResult;
    private Execution running;
    private ExecutionStream runningStream;
    private StatementResult currentResult;
    private boolean closed;

    /** How a result ended. */
    enum Outcome {
        FINISHED("finished"),
        CLOSED_EARLY("closed before its end"),
        FAILED("failed while its result was read");

        private final String description;

        Outcome(String description) {
            this.description = description;
        }
    }

    /** One run of a statement on the cluster, found there by its operation id. */
    private record Execution(
            ConnectSession connect, String operationId, String sql, Analysis analysis, long startNanos) {}

    /**
     * @param closesWithResult whether closing the result closes this statement too, for statements made for a single
     *     {@link Session#execute} call
     */
    Statement(Session session, boolean closesWithResult) {
        this.session = requireNonNull(session, "session is null");
        this.closesWithResult = closesWithResult;
    }

    /**
     * Runs a statement and returns once its result's columns are known; commands (DDL, DML) have run by then. A result
     * that is still open from the previous call is closed first.
     */
    public StatementResult execute(String sql) {
        return execute(sql, UUID.randomUUID());
    }

    /**
     * Runs a statement as {@link #execute(String)} does, under an id the caller chose: the execution on the cluster
     * has this id, so that the caller's operation and Spark's are found by the same one. Ids must be unique.
     */
    public StatementResult execute(String sql, UUID id) {
        requireNonNull(sql, "sql is null");
        requireNonNull(id, "id is null");
        StatementResult previous;
        synchronized (this) {
            previous = currentResult;
        }
        if (previous != null) {
            previous.close();
        }
        long startNanos = System.nanoTime();
        Analysis analysis = session.analyze(sql);
        String operationId = id.toString();
        AuthorizedStatement authorized;
        Optional<CascadeDrop> cascade;
        try {
            authorized = session.authorize(analysis, operationId);
            cascade = CascadeDrop.prepare(session, analysis);
        } catch (RuntimeException e) {
            LOG.info("Statement refused: session={} operation={} error={} {} sql={}", session.id(), operationId,
                    e.getMessage(), analysis.summary(), abbreviate(sql));
            throw e;
        }
        ConnectSession connect = session.connectSession();
        Execution execution = new Execution(connect, operationId, sql, analysis, startNanos);
        synchronized (this) {
            if (closed) {
                throw new LakegateException(SqlStates.INVALID_STATE, "The statement is closed");
            }
            running = execution;
        }
        BufferAllocator allocator = session.newAllocator(execution.operationId());
        try {
            cascade.ifPresent(drop -> drop.run(session, connect, allocator));
            ExecutionStream stream = connect.execute(authorized.sql(), execution.operationId(),
                    authorized.approval(), allocator);
            StatementResult result = null;
            synchronized (this) {
                if (running == execution) {
                    runningStream = stream;
                    currentResult = new StatementResult(this, stream, allocator);
                    result = currentResult;
                }
            }
            if (result != null) {
                // Commands have run by now; the session follows what they changed.
                session.applied(analysis, connect);
                return result;
            }
            // cancel() or close() came while the cluster was preparing; only now can Spark find the operation.
            stopOnCluster(execution, stream, true);
            stream.close();
            throw new LakegateException(SqlStates.OPERATION_CANCELED, "The statement was cancelled");
        } catch (RuntimeException e) {
            allocator.close();
            clearIfRunning(execution);
            noteClusterLoss(e, connect);
            LOG.info("Statement failed: session={} operation={} elapsed={}ms error={} {} sql={}",
                    session.id(), execution.operationId(), elapsedMillis(execution), e.getMessage(),
                    analysis.summary(), abbreviate(sql));
            throw e;
        }
    }

    /**
     * Stops the running statement, if any; its reader then fails with SQLSTATE HY008. Safe to call from any thread
     * and at any time.
     */
    public void cancel() {
        Execution execution;
        ExecutionStream stream;
        synchronized (this) {
            execution = running;
            stream = runningStream;
            running = null;
            runningStream = null;
        }
        // A result read to its end has nothing left running on the cluster.
        if (execution != null && (stream == null || !stream.isExhausted())) {
            LOG.info("Cancelling statement: session={} operation={}", session.id(), execution.operationId());
            stopOnCluster(execution, stream, false);
        }
    }

    /** Cancels the running statement, closes its result (freeing its memory) and refuses further statements. */
    @Override
    public void close() {
        StatementResult open;
        synchronized (this) {
            closed = true;
            open = currentResult;
        }
        // Cancelling first ends a read that waits for the cluster, so that the result can close.
        cancel();
        if (open != null) {
            open.close();
        }
        session.forget(this);
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** How long the open result has gone unread; empty when there is none. */
    synchronized OptionalLong resultIdleNanos() {
        return currentResult == null ? OptionalLong.empty()
                : OptionalLong.of(currentResult.idleNanos());
    }

    void finished(StatementResult result, Outcome outcome, long rows) {
        try {
            end(result, outcome, rows);
        } finally {
            if (closesWithResult) {
                close();
            }
        }
    }

    private void end(StatementResult result, Outcome outcome, long rows) {
        Execution execution;
        ExecutionStream stream;
        synchronized (this) {
            if (currentResult == result) {
                currentResult = null;
            }
            execution = running;
            stream = runningStream;
            running = null;
            runningStream = null;
        }
        if (execution == null) {
            return;
        }
        if (outcome == Outcome.CLOSED_EARLY) {
            stopOnCluster(execution, stream, true);
        }
        LOG.info("Statement {}: session={} operation={} rows={} elapsed={}ms {} sql={}",
                outcome.description, session.id(), execution.operationId(), rows,
                elapsedMillis(execution), execution.analysis().summary(), abbreviate(execution.sql()));
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
            runningStream = null;
        }
    }

    /**
     * Interrupts the execution on the cluster, then abandons its call. The thread that reads the stream can read on
     * while it waits for the cluster to show work; any other thread can only watch.
     */
    private static void stopOnCluster(Execution execution, ExecutionStream stream, boolean readingThread) {
        if (stream != null) {
            if (readingThread) {
                stream.awaitWork(WORK_START_WAIT);
            } else {
                long deadline = System.nanoTime() + WORK_START_WAIT.toNanos();
                while (!stream.hasShownWork() && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(WORK_POLL.toNanos());
                }
            }
        }
        try {
            execution.connect().interrupt(execution.operationId());
        } catch (LakegateException e) {
            LOG.debug("Could not interrupt operation {}", execution.operationId(), e);
        }
        if (stream != null) {
            stream.abort();
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
