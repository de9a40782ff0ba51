package io.lakegate.engine.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.spark.connect.proto.AnalyzePlanRequest;
import org.apache.spark.connect.proto.AnalyzePlanResponse;
import org.apache.spark.connect.proto.DataType;
import org.apache.spark.connect.proto.ExecutePlanRequest;
import org.apache.spark.connect.proto.ExecutePlanResponse;
import org.apache.spark.connect.proto.SparkConnectServiceGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Spark Connect server on loopback that sends a statement's whole result at once: the stream reads a bounded few
 * batches ahead of its reader, by count and by bytes, whatever else the server sends between them.
 */
class ExecutionStreamPrefetchTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(5);
    /** Long enough for a response asked for too many to arrive on loopback. */
    private static final Duration SETTLE = Duration.ofMillis(300);
    private static final int BATCHES = 10;
    private static final int SMALL_ROWS = 1_000;

    private final ScriptedService service = new ScriptedService();
    private Server server;
    private SparkConnectClient client;
    private BufferAllocator allocator;

    @BeforeEach
    void startServer() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(service)
                .build()
                .start();
        ConnectTimeouts timeouts = new ConnectTimeouts(
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(20));
        client = new SparkConnectClient("127.0.0.1", server.getPort(), "token", timeouts, Optional::empty);
        allocator = new RootAllocator();
    }

    @AfterEach
    void stopServer() throws Exception {
        client.close();
        allocator.close();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void twoBatchesWaitWhileTheReaderHoldsOne() throws Exception {
        service.script = batches(SMALL_ROWS, 0);
        try (ExecutionStream stream = start(ExecutionStream.Prefetch.DEFAULT)) {
            assertThat(stream.nextBatch()).isTrue();
            awaitQueued(stream, 2);
            Thread.sleep(SETTLE.toMillis());
            assertThat(stream.queuedBatches()).as("batches received ahead of the reader").isEqualTo(2);
            assertThat(stream.queuedBytes()).isEqualTo(2L * service.script.get(1).getArrowBatch().getData().size());
            assertEveryRowInOrder(stream, SMALL_ROWS);
        }
    }

    @Test
    void batchesOverHalfTheBytesWaitOneAtATime() throws Exception {
        int rows = 80_000;
        service.script = batches(rows, 0);
        long batchBytes = service.script.get(1).getArrowBatch().getData().size();
        try (ExecutionStream stream = start(new ExecutionStream.Prefetch(2, 3 * batchBytes / 2))) {
            assertThat(stream.nextBatch()).isTrue();
            awaitQueued(stream, 1);
            Thread.sleep(SETTLE.toMillis());
            assertThat(stream.queuedBatches()).as("batches received ahead of the reader").isEqualTo(1);
            assertEveryRowInOrder(stream, rows);
        }
    }

    @Test
    void progressBetweenBatchesTakesNoBatchPlace() throws Exception {
        service.script = batches(SMALL_ROWS, 3);
        try (ExecutionStream stream = start(ExecutionStream.Prefetch.DEFAULT)) {
            assertThat(stream.nextBatch()).isTrue();
            awaitQueued(stream, 2);
            Thread.sleep(SETTLE.toMillis());
            assertThat(stream.queuedBatches()).as("batches received ahead of the reader").isEqualTo(2);
            assertEveryRowInOrder(stream, SMALL_ROWS);
        }
    }

    @Test
    void closingWithBatchesWaitingKeepsNone() throws Exception {
        service.script = batches(SMALL_ROWS, 0);
        ExecutionStream stream = start(ExecutionStream.Prefetch.DEFAULT);
        assertThat(stream.nextBatch()).isTrue();
        awaitQueued(stream, 2);
        assertThat(allocator.getAllocatedMemory()).as("the batch being read").isPositive();
        stream.close();
        assertThat(stream.queuedBatches()).isZero();
        assertThat(stream.queuedBytes()).isZero();
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    @Test
    void waitingForTheNextBatchEndsWhenItArrivesOrTheTimeIsUp() throws Exception {
        service.script = batches(SMALL_ROWS, 0).subList(0, 3);
        service.holdOpen = true;
        try (ExecutionStream stream = start(ExecutionStream.Prefetch.DEFAULT)) {
            assertThat(stream.nextBatch()).isTrue();
            assertThat(stream.awaitBatchOrEnd(PROMPTLY)).as("the second batch arrives").isTrue();
            assertThat(stream.nextBatch()).isTrue();
            long start = System.nanoTime();
            assertThat(stream.awaitBatchOrEnd(SETTLE)).as("the server sends nothing more").isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SETTLE);
        }
    }

    @Test
    void theEndOfTheCallEndsTheWaitToo() throws Exception {
        service.script = batches(SMALL_ROWS, 0).subList(0, 2);
        try (ExecutionStream stream = start(ExecutionStream.Prefetch.DEFAULT)) {
            assertThat(stream.nextBatch()).isTrue();
            assertThat(stream.awaitBatchOrEnd(PROMPTLY)).isTrue();
            assertThat(stream.nextBatch()).isFalse();
        }
    }

    private ExecutionStream start(ExecutionStream.Prefetch prefetch) {
        return ExecutionStream.start(client, ExecutePlanRequest.getDefaultInstance(), allocator, prefetch);
    }

    /** Each batch's ids go on from the last one's: none is lost, repeated or out of order. */
    private static void assertEveryRowInOrder(ExecutionStream stream, int rowsPerBatch) {
        long expected = 0;
        do {
            BigIntVector ids = (BigIntVector) stream.batch().getVector(0);
            assertThat(ids.getValueCount()).isEqualTo(rowsPerBatch);
            assertThat(ids.get(0)).isEqualTo(expected);
            assertThat(ids.get(rowsPerBatch - 1)).isEqualTo(expected + rowsPerBatch - 1);
            expected += rowsPerBatch;
        } while (stream.nextBatch());
        assertThat(expected).isEqualTo((long) BATCHES * rowsPerBatch);
        assertThat(stream.isExhausted()).isTrue();
    }

    private static void awaitQueued(ExecutionStream stream, int batches) throws InterruptedException {
        awaitTrue(() -> stream.queuedBatches() >= batches);
        assertThat(stream.queuedBatches()).as("batches received ahead of the reader").isEqualTo(batches);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PROMPTLY.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** The schema, then {@link #BATCHES} batches of consecutive ids, each after {@code progress} progress reports. */
    private static List<ExecutePlanResponse> batches(int rowsPerBatch, int progress) {
        List<ExecutePlanResponse> script = new ArrayList<>();
        script.add(ExecutePlanResponse.newBuilder()
                .setSchema(DataType.newBuilder().setStruct(DataType.Struct.getDefaultInstance()))
                .build());
        for (int batch = 0; batch < BATCHES; batch++) {
            for (int report = 0; report < progress; report++) {
                script.add(ExecutePlanResponse.newBuilder()
                        .setExecutionProgress(ExecutePlanResponse.ExecutionProgress.newBuilder().setNumInflightTasks(1))
                        .build());
            }
            script.add(ExecutePlanResponse.newBuilder()
                    .setArrowBatch(ExecutePlanResponse.ArrowBatch.newBuilder()
                            .setRowCount(rowsPerBatch)
                            .setData(arrowIpc((long) batch * rowsPerBatch, rowsPerBatch)))
                    .build());
        }
        return script;
    }

    /** A whole Arrow IPC stream, as Spark sends each batch: the schema, then one record batch of ids. */
    private static ByteString arrowIpc(long firstId, int rows) {
        Schema schema = new Schema(List.of(Field.nullable("id", new ArrowType.Int(64, true))));
        try (BufferAllocator encoding = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(schema, encoding)) {
            BigIntVector ids = (BigIntVector) root.getVector(0);
            ids.allocateNew(rows);
            for (int row = 0; row < rows; row++) {
                ids.set(row, firstId + row);
            }
            root.setRowCount(rows);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, out)) {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
            return ByteString.copyFrom(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends its script at once and completes the call, unless told to hold it open; gRPC holds back what the client
     * did not ask for.
     */
    private static final class ScriptedService extends SparkConnectServiceGrpc.SparkConnectServiceImplBase {
        volatile List<ExecutePlanResponse> script = List.of();
        volatile boolean holdOpen;

        @Override
        public void analyzePlan(AnalyzePlanRequest request, StreamObserver<AnalyzePlanResponse> responses) {
            responses.onNext(AnalyzePlanResponse.newBuilder()
                    .setSparkVersion(AnalyzePlanResponse.SparkVersion.newBuilder().setVersion("4.1.2"))
                    .build());
            responses.onCompleted();
        }

        @Override
        public void executePlan(ExecutePlanRequest request, StreamObserver<ExecutePlanResponse> responses) {
            script.forEach(responses::onNext);
            if (!holdOpen) {
                responses.onCompleted();
            }
        }
    }
}
