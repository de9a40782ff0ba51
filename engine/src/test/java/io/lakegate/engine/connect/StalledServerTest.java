package io.lakegate.engine.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.spark.connect.proto.AnalyzePlanRequest;
import org.apache.spark.connect.proto.AnalyzePlanResponse;
import org.apache.spark.connect.proto.ConfigRequest;
import org.apache.spark.connect.proto.ConfigResponse;
import org.apache.spark.connect.proto.DataType;
import org.apache.spark.connect.proto.ExecutePlanRequest;
import org.apache.spark.connect.proto.ExecutePlanResponse;
import org.apache.spark.connect.proto.InterruptRequest;
import org.apache.spark.connect.proto.InterruptResponse;
import org.apache.spark.connect.proto.ReleaseSessionRequest;
import org.apache.spark.connect.proto.ReleaseSessionResponse;
import org.apache.spark.connect.proto.SparkConnectServiceGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Spark Connect server on loopback that takes every call and never answers: no wait of the engine's on it is
 * unbounded, and each one that gives up says so in words.
 */
class StalledServerTest {
    private static final Duration CALL_TIMEOUT = Duration.ofMillis(300);
    private static final Duration STREAM_IDLE = Duration.ofMillis(500);
    /** Far above the limits under test, far below a hang. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private final StalledService service = new StalledService();
    private Server server;
    private SparkConnectClient client;
    private BufferAllocator allocator;

    @BeforeEach
    void startServer() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(service)
                .build()
                .start();
        ConnectTimeouts timeouts =
                new ConnectTimeouts(CALL_TIMEOUT, STREAM_IDLE, Duration.ofMinutes(5), Duration.ofSeconds(20));
        client = new SparkConnectClient("127.0.0.1", server.getPort(), "token", timeouts, Optional::empty);
        allocator = new RootAllocator();
        // The one request it answers: the connection is up and warm before the limits under test start counting.
        assertThat(client.sparkVersion(PROMPTLY)).isEqualTo("4.1.2");
    }

    @AfterEach
    void stopServer() throws Exception {
        client.close();
        allocator.close();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void settingsFailAtTheDeadline() {
        ConnectSession session = client.openSession("alice");
        long start = System.nanoTime();
        assertThatThrownBy(() -> session.setConf(Map.of("spark.sql.shuffle.partitions", "4")))
                .isInstanceOfSatisfying(LakegateException.class,
                        e -> assertThat(e.sqlState()).isEqualTo(SqlStates.TIMEOUT_EXPIRED))
                .hasMessage("The Spark cluster did not answer the settings request within "
                        + "300 ms (lakegate.cluster.call-timeout)");
        assertThat(elapsedSince(start)).isGreaterThanOrEqualTo(CALL_TIMEOUT).isLessThan(PROMPTLY);
    }

    @Test
    void anInterruptFailsAtTheDeadline() {
        ConnectSession session = client.openSession("alice");
        assertThatThrownBy(() -> session.interrupt(UUID.randomUUID().toString()))
                .isInstanceOfSatisfying(LakegateException.class,
                        e -> assertThat(e.sqlState()).isEqualTo(SqlStates.TIMEOUT_EXPIRED))
                .hasMessageContaining("did not answer the interrupt request within 300 ms");
    }

    @Test
    void releasingASessionGivesUpAtTheDeadline() {
        long start = System.nanoTime();
        client.openSession("alice").close();
        assertThat(elapsedSince(start)).isGreaterThanOrEqualTo(CALL_TIMEOUT).isLessThan(PROMPTLY);
    }

    @Test
    void aStatementWhoseServerSaysNothingIsAbandoned() throws Exception {
        ConnectSession session = client.openSession("alice");
        long start = System.nanoTime();
        assertThatThrownBy(() -> session.execute("SELECT 1", UUID.randomUUID().toString(),
                        ExecutionApproval.unrestrictedApproval(), allocator))
                .isInstanceOfSatisfying(LakegateException.class,
                        e -> assertThat(e.sqlState()).isEqualTo(SqlStates.TIMEOUT_EXPIRED))
                .hasMessage("The Spark cluster at " + client.target() + " sent nothing about the statement for "
                        + "500 ms, so the gateway abandoned it (lakegate.cluster.stream-idle-timeout)");
        assertThat(elapsedSince(start)).isGreaterThanOrEqualTo(STREAM_IDLE).isLessThan(PROMPTLY);
        assertThat(service.abandoned.await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS))
                .as("the server saw the call end")
                .isTrue();
    }

    @Test
    void waitingForWorkEndsOnTimeWhileTheServerIsSilent() {
        service.sendSchema = true;
        try (ExecutionStream stream = client.openSession("alice").execute("SELECT 1", UUID.randomUUID().toString(),
                ExecutionApproval.unrestrictedApproval(), allocator)) {
            Duration limit = Duration.ofMillis(200);
            long start = System.nanoTime();
            stream.awaitWork(limit);
            assertThat(elapsedSince(start)).isGreaterThanOrEqualTo(limit).isLessThan(STREAM_IDLE);
            assertThat(stream.hasShownWork()).isFalse();
        }
    }

    private static Duration elapsedSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Answers a request for its version only; takes every other call and answers none, but a statement's schema. */
    private static final class StalledService extends SparkConnectServiceGrpc.SparkConnectServiceImplBase {
        final CountDownLatch abandoned = new CountDownLatch(1);
        volatile boolean sendSchema;

        @Override
        public void analyzePlan(AnalyzePlanRequest request, StreamObserver<AnalyzePlanResponse> responses) {
            responses.onNext(AnalyzePlanResponse.newBuilder()
                    .setSparkVersion(AnalyzePlanResponse.SparkVersion.newBuilder().setVersion("4.1.2"))
                    .build());
            responses.onCompleted();
        }

        @Override
        public void config(ConfigRequest request, StreamObserver<ConfigResponse> responses) {
            // Never answers.
        }

        @Override
        public void interrupt(InterruptRequest request, StreamObserver<InterruptResponse> responses) {
            // Never answers.
        }

        @Override
        public void releaseSession(ReleaseSessionRequest request, StreamObserver<ReleaseSessionResponse> responses) {
            // Never answers.
        }

        @Override
        public void executePlan(ExecutePlanRequest request, StreamObserver<ExecutePlanResponse> responses) {
            ((ServerCallStreamObserver<ExecutePlanResponse>) responses).setOnCancelHandler(abandoned::countDown);
            if (sendSchema) {
                responses.onNext(ExecutePlanResponse.newBuilder()
                        .setSchema(DataType.newBuilder().setStruct(DataType.Struct.getDefaultInstance()))
                        .build());
            }
        }
    }
}
