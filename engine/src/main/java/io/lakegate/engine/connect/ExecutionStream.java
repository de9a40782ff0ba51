package io.lakegate.engine.connect;

import static java.util.Objects.requireNonNull;

import io.grpc.Context;
import io.lakegate.common.LakegateException;
import io.lakegate.common.SparkType;
import io.lakegate.common.SqlStates;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.spark.connect.proto.ExecutePlanRequest;
import org.apache.spark.connect.proto.ExecutePlanResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The responses of one running statement, read as the caller asks for them. The call reads a bounded few batches
 * ahead of the caller ({@link Prefetch}), so that the next batch is on its way while the caller reads the current
 * one, and asks for no more until the caller takes one: gRPC flow control holds the cluster back while the caller is
 * slow, the gateway holds the batch being read and the prefetch, and the cluster, which runs the statement as a paced
 * result ({@link ConnectSession#execute}), produces only a few batches ahead of what it sent.
 *
 * <p>No wait is unbounded: a read gives up once the server has sent nothing for the stream's idle timeout, and
 * {@link #awaitWork} returns when its time is up even while the server is silent.
 */
public final class ExecutionStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionStream.class);

    private final SparkConnectClient client;
    private final Context.CancellableContext call;
    private final ResponseQueue responses;
    private final BufferAllocator allocator;
    private final SparkType.StructType schema;
    private volatile ExecutePlanResponse.ExecutionProgress progress;
    private volatile boolean workSeen;
    private ArrowStreamReader batchReader;
    private volatile boolean exhausted;

    private ExecutionStream(
            SparkConnectClient client,
            Context.CancellableContext call,
            ResponseQueue responses,
            BufferAllocator allocator) {
        this.client = client;
        this.call = call;
        this.responses = responses;
        this.allocator = allocator;
        this.schema = awaitSchema();
    }

    static ExecutionStream start(SparkConnectClient client, ExecutePlanRequest request, BufferAllocator allocator) {
        return start(client, request, allocator, Prefetch.DEFAULT);
    }

    static ExecutionStream start(
            SparkConnectClient client, ExecutePlanRequest request, BufferAllocator allocator, Prefetch prefetch) {
        requireNonNull(allocator, "allocator is null");
        // The call belongs to a context of its own so that close() can end it from any thread.
        Context.CancellableContext call = Context.current().withCancellation();
        ResponseQueue responses = new ResponseQueue(prefetch);
        Context previous = call.attach();
        try {
            client.asyncStub().executePlan(request, responses);
        } catch (RuntimeException e) {
            call.cancel(null);
            throw SparkErrors.translate(e, client);
        } finally {
            call.detach(previous);
        }
        try {
            return new ExecutionStream(client, call, responses, allocator);
        } catch (RuntimeException e) {
            call.cancel(null);
            throw e;
        }
    }

    /** The columns of the result; empty for statements that return nothing. */
    public SparkType.StructType schema() {
        return schema;
    }

    /** The latest execution progress the cluster reported, if it reported any yet. */
    public Optional<ExecutePlanResponse.ExecutionProgress> progress() {
        return Optional.ofNullable(progress);
    }

    /**
     * Moves to the next batch with rows, releasing the previous one.
     *
     * @return false once the statement has no more rows
     */
    public boolean nextBatch() {
        releaseBatch();
        while (!exhausted) {
            ExecutePlanResponse response = nextResponse();
            if (response != null && response.hasArrowBatch() && response.getArrowBatch().getRowCount() > 0) {
                batchReader = decode(response.getArrowBatch());
                return true;
            }
        }
        return false;
    }

    /** The batch {@link #nextBatch()} moved to; valid until the next call to it or to {@link #close()}. */
    public VectorSchemaRoot batch() {
        if (batchReader == null) {
            throw new IllegalStateException("No current batch: call nextBatch() first");
        }
        try {
            return batchReader.getVectorSchemaRoot();
        } catch (IOException e) {
            throw undecodable(e);
        }
    }

    /**
     * True once the cluster has shown it runs the statement's jobs (a stage in its progress, or rows), or the statement
     * has ended. Safe to call from any thread; it only moves while some thread reads the stream.
     */
    public boolean hasShownWork() {
        return workSeen || exhausted;
    }

    /**
     * Reads on, dropping what arrives, until {@link #hasShownWork()} or the time is up, whether or not the server
     * sends anything meanwhile. For the reading thread only.
     */
    public void awaitWork(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        releaseBatch();
        long left;
        while (!hasShownWork() && (left = deadline - System.nanoTime()) > 0) {
            poll(left).ifPresent(this::take);
        }
    }

    /**
     * Waits until {@link #nextBatch()} can go on without waiting for the cluster (a batch or the end has arrived), or
     * the time is up; returns whether it can. Safe to call from any thread.
     */
    public boolean awaitBatchOrEnd(Duration limit) {
        if (exhausted) {
            return true;
        }
        try {
            return responses.awaitBatchOrEnd(limit.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakegateException(SqlStates.OPERATION_CANCELED,
                    "Interrupted while waiting for the statement's results", e);
        }
    }

    /** True once the server has sent its last response. */
    public boolean isExhausted() {
        return exhausted;
    }

    /**
     * Ends the call from any thread, as part of a cancel: an interrupt alone can miss a job that Spark submits just
     * after it, while an abandoned call also stops the server's work for it. The reader then fails with SQLSTATE HY008.
     */
    public void abort() {
        call.cancel(null);
    }

    /** Releases the current batch and, if the statement has not finished, abandons the call. */
    @Override
    public void close() {
        releaseBatch();
        if (!exhausted) {
            exhausted = true;
            abort();
        }
        responses.drop();
    }

    /** Arrow batches received and not yet taken by the reader. */
    int queuedBatches() {
        return responses.queuedBatches();
    }

    /** The bytes of {@link #queuedBatches()}. */
    long queuedBytes() {
        return responses.queuedBytes();
    }

    private SparkType.StructType awaitSchema() {
        while (true) {
            ExecutePlanResponse response = nextResponse();
            if (response == null) {
                return new SparkType.StructType(List.of());
            }
            if (response.hasSchema()) {
                return SparkTypes.structOf(response.getSchema());
            }
        }
    }

    /** The next response, or null at the end of the stream; a server silent for the idle timeout ends the call. */
    private ExecutePlanResponse nextResponse() {
        Duration idle = client.timeouts().streamIdle();
        Optional<ResponseQueue.Event> event = poll(idle.toNanos());
        if (event.isEmpty()) {
            exhausted = true;
            abort();
            throw new LakegateException(SqlStates.TIMEOUT_EXPIRED, "The Spark cluster at " + client.target()
                    + " sent nothing about the statement for " + ConnectTimeouts.describe(idle)
                    + ", so the gateway abandoned it (lakegate.cluster.stream-idle-timeout)");
        }
        return take(event.get());
    }

    /** What an event means for the stream: a response (progress noted on the way), null at the end, or a failure. */
    private ExecutePlanResponse take(ResponseQueue.Event event) {
        if (event instanceof ResponseQueue.Event.Failed failed) {
            exhausted = true;
            throw SparkErrors.translate(failed.failure(), client);
        }
        if (!(event instanceof ResponseQueue.Event.Response next)) {
            exhausted = true;
            return null;
        }
        ExecutePlanResponse response = next.response();
        if (response.hasExecutionProgress()) {
            progress = response.getExecutionProgress();
            workSeen |= progress.getStagesCount() > 0;
        } else {
            workSeen |= response.hasArrowBatch() && response.getArrowBatch().getRowCount() > 0;
        }
        return response;
    }

    /** The next event if one arrives in time; an interrupted reader abandons the call. */
    private Optional<ResponseQueue.Event> poll(long nanos) {
        try {
            return responses.poll(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exhausted = true;
            abort();
            throw new LakegateException(SqlStates.OPERATION_CANCELED,
                    "Interrupted while waiting for the statement's results", e);
        }
    }

    private ArrowStreamReader decode(ExecutePlanResponse.ArrowBatch batch) {
        // Each batch Spark sends is a whole Arrow IPC stream: its schema message, then one record batch.
        ArrowStreamReader reader = new ArrowStreamReader(batch.getData().newInput(), allocator);
        try {
            if (!reader.loadNextBatch()) {
                throw new IOException("the Arrow stream holds no record batch");
            }
            return reader;
        } catch (OutOfMemoryException e) {
            closeQuietly(reader);
            throw new LakegateException(SqlStates.OUT_OF_MEMORY, "The gateway's memory for results is used up ("
                    + e.getMessage() + "); close open results or raise lakegate.engine.result-memory", e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(reader);
            throw undecodable(e);
        }
    }

    private void releaseBatch() {
        if (batchReader != null) {
            closeQuietly(batchReader);
            batchReader = null;
        }
    }

    private LakegateException undecodable(Exception e) {
        LOG.warn("Cannot decode a result batch from the Spark cluster at {}", client.target(), e);
        return new LakegateException(SqlStates.INTERNAL_ERROR, "The result sent by the Spark cluster cannot be read; "
                + "an administrator finds the details in the server log", e);
    }

    private static void closeQuietly(ArrowStreamReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // Closing only releases buffers; there is nothing to recover.
        }
    }

    /**
     * How far the call reads ahead of the reader: Arrow batches received and not yet taken, at most {@code batches} of
     * them and, once one is there, no more bytes than {@code bytes} (one is always let through, however large).
     * Other responses (progress, metrics) do not count, so they never leave the reader without a batch to go on with.
     */
    record Prefetch(int batches, long bytes) {
        /**
         * Two batches: one to read while the client takes the current one, one in flight. Spark's batches are at most
         * 4 MB, typically far less (10,000 rows); 8 MiB bounds what each open result keeps ahead in the heap.
         */
        static final Prefetch DEFAULT = new Prefetch(2, 8L * 1024 * 1024);

        Prefetch {
            if (batches < 1 || bytes < 1) {
                throw new IllegalArgumentException("A prefetch of at least one batch and one byte: " + batches
                        + " batches, " + bytes + " bytes");
            }
        }
    }
}
