package io.lakegate.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.lakegate.engine.connect.ConnectTimeouts;
import io.lakegate.engine.connect.SparkConnectClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.spark.connect.proto.AnalyzePlanRequest;
import org.apache.spark.connect.proto.AnalyzePlanResponse;
import org.apache.spark.connect.proto.SparkConnectServiceGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cluster whose process runs but which answers nothing (a stopped JVM: the kernel still takes its connections) is
 * found by the pool's health checks, abandoned, and replaced; a cluster that answers is left alone.
 */
class ClusterHealthTest {
    private static final Duration CHECK = Duration.ofMillis(300);
    private static final ConnectTimeouts TIMEOUTS =
            new ConnectTimeouts(Duration.ofMinutes(2), Duration.ofMinutes(30), Duration.ofMinutes(5), CHECK);
    /** Far above the checks' period, far below a hang. */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    private final AnsweringService service = new AnsweringService();
    private ServerSocket silent;
    private Server answering;

    @BeforeEach
    void startServers() throws Exception {
        // Never accepted: connections complete in the kernel's backlog, and nothing ever answers them.
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        answering = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(service)
                .build()
                .start();
        // The first call of a JVM loads gRPC's and protobuf's classes on both sides: not what the checks measure.
        try (SparkConnectClient warmUp =
                new SparkConnectClient("127.0.0.1", answering.getPort(), "token", TIMEOUTS, Optional::empty)) {
            warmUp.sparkVersion(PROMPTLY);
        }
    }

    @AfterEach
    void stopServers() throws Exception {
        answering.shutdownNow();
        silent.close();
    }

    @Test
    void aClusterThatStopsAnsweringIsAbandonedAndTheNextCallerGetsANewOne() {
        List<FakeCluster> launched = new CopyOnWriteArrayList<>();
        ClusterLauncher launcher = clusterId -> {
            int port = launched.isEmpty() ? silent.getLocalPort() : answering.getPort();
            FakeCluster cluster = new FakeCluster(clusterId, port, TIMEOUTS);
            launched.add(cluster);
            return cluster;
        };
        try (ClusterPool pool = new ClusterPool(launcher, "test", cluster -> {})) {
            FakeCluster hung = (FakeCluster) pool.acquire();
            awaitCondition(() -> hung.abandonedBecause != null);
            assertThat(hung.abandonedBecause)
                    .isEqualTo("it did not answer a health check within 300 ms (lakegate.cluster.keepalive-timeout)");

            FakeCluster replacement = (FakeCluster) pool.acquire();
            assertThat(replacement).isNotSameAs(hung);
            assertThat(replacement.id()).isEqualTo("test-2");

            int answered = service.versionCalls.get();
            awaitCondition(() -> service.versionCalls.get() >= answered + 3);
            assertThat(replacement.abandonedBecause).isNull();
            assertThat(pool.acquire()).isSameAs(replacement);
        }
        assertThat(service.versionCalls.get()).isGreaterThan(3);
        assertThat(launched).hasSize(2);
        assertThat(launched.get(1).closed).isTrue();
    }

    private static void awaitCondition(BooleanSupplier condition) {
        long deadline = System.nanoTime() + PROMPTLY.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within %s", PROMPTLY).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** Answers the health check's question, as a Spark Connect server does. */
    private static final class AnsweringService extends SparkConnectServiceGrpc.SparkConnectServiceImplBase {
        final AtomicInteger versionCalls = new AtomicInteger();

        @Override
        public void analyzePlan(AnalyzePlanRequest request, StreamObserver<AnalyzePlanResponse> response) {
            versionCalls.incrementAndGet();
            response.onNext(AnalyzePlanResponse.newBuilder()
                    .setSessionId(request.getSessionId())
                    .setSparkVersion(AnalyzePlanResponse.SparkVersion.newBuilder().setVersion("4.1.2"))
                    .build());
            response.onCompleted();
        }
    }
}
