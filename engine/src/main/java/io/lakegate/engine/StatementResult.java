package io.lakegate.engine;

import io.lakegate.engine.connect.ExecutionStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The result of a statement: its columns, then its rows as a stream of {@link ColumnBatch}es that the cluster
 * produces as they are read. Close it when done; closing before the end stops the statement on the cluster.
 *
 * <p>One thread reads a result. Another may stop it with {@link Statement#cancel()}, or close it: the close waits
 * until a read in progress has ended, which a cancel makes quick. A result unread for the engine's operation idle
 * timeout is closed by the engine.
 */
public final class StatementResult implements Iterator<ColumnBatch>, AutoCloseable {
    private final Statement statement;
    private final ExecutionStream stream;
    private final BufferAllocator allocator;
    private final List<ResultColumn> columns;
    private boolean batchPending;
    private boolean failed;
    private long rowCount;
    private boolean closed;
    private volatile long lastUsedNanos = System.nanoTime();
    /** A read is waiting for the cluster: the result is in use however long that takes. */
    private volatile boolean reading;

    StatementResult(Statement statement, ExecutionStream stream, BufferAllocator allocator) {
        this.statement = statement;
        this.stream = stream;
        this.allocator = allocator;
        this.columns = stream.schema().fields().stream()
                .map(field -> new ResultColumn(field.name(), field.type(), field.nullable()))
                .toList();
    }

    /** The result's columns; empty for statements that return no rows (most DDL and DML). */
    public List<ResultColumn> columns() {
        return columns;
    }

    /** Waits for the next batch if there is none at hand; false once every row has been read. */
    @Override
    public synchronized boolean hasNext() {
        if (closed) {
            return false;
        }
        if (!batchPending) {
            reading = true;
            try {
                batchPending = stream.nextBatch();
            } catch (RuntimeException e) {
                failed = true;
                statement.readFailed(e);
                throw e;
            } finally {
                lastUsedNanos = System.nanoTime();
                reading = false;
            }
        }
        return batchPending;
    }

    /**
     * Waits until {@link #hasNext()} would answer without waiting for the cluster, or the time is up; returns whether
     * it would. Waits without holding the result, so that closing it from another thread is not held up.
     */
    public boolean awaitNext(Duration limit) {
        synchronized (this) {
            if (closed || batchPending) {
                return true;
            }
        }
        return stream.awaitBatchOrEnd(limit);
    }

    /** The next batch; it stays valid until the next call to {@link #hasNext()}, {@link #next()} or close. */
    @Override
    public synchronized ColumnBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("The result has no more rows");
        }
        batchPending = false;
        ColumnBatch batch = new ColumnBatch(stream.batch());
        rowCount += batch.rowCount();
        return batch;
    }

    /** The cluster's latest report on the statement's progress, once it has sent one. */
    public Optional<ExecutionProgress> progress() {
        return stream.progress().map(progress -> new ExecutionProgress(
                progress.getStagesList().stream()
                        .map(stage -> new ExecutionProgress.Stage(stage.getStageId(), stage.getNumTasks(),
                                stage.getNumCompletedTasks(), stage.getInputBytesRead(), stage.getDone()))
                        .toList(),
                progress.getNumInflightTasks()));
    }

    /** Rows handed out so far. */
    public long rowCount() {
        return rowCount;
    }

    /** Bytes of Arrow memory the result holds now: the current batch. */
    public long allocatedBytes() {
        return allocator.getAllocatedMemory();
    }

    /** How long since the last read ended; zero while one is under way. */
    long idleNanos() {
        return reading ? 0 : System.nanoTime() - lastUsedNanos;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Statement.Outcome outcome = failed ? Statement.Outcome.FAILED
                : stream.isExhausted() ? Statement.Outcome.FINISHED : Statement.Outcome.CLOSED_EARLY;
        try {
            // Interrupt before abandoning the call: Spark may drop an abandoned operation before an interrupt finds it.
            statement.finished(this, outcome, rowCount);
        } finally {
            stream.close();
            allocator.close();
        }
    }
}
