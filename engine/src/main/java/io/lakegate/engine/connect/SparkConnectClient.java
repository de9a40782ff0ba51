package io.lakegate.engine.connect;

import static java.util.Objects.requireNonNull;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.spark.connect.proto.AnalyzePlanRequest;
import org.apache.spark.connect.proto.SparkConnectServiceGrpc;
import org.apache.spark.connect.proto.UserContext;

/**
 * The gateway's connection to one Spark Connect server: a single gRPC channel that all of the engine's sessions on
 * that server share.
 */
public final class SparkConnectClient implements AutoCloseable {
    /** Large enough for Spark's biggest Arrow batch; the clusters are told to keep batches far smaller. */
    private static final int MAX_INBOUND_MESSAGE_BYTES = 256 * 1024 * 1024;
    private static final String HEALTH_CHECK_USER = "lakegate";

    private final String target;
    private final ManagedChannel channel;
    private final Supplier<Optional<String>> stopCause;

    /**
     * @param stopCause says why the server is gone once it is (a process that exited, say), so that a broken call
     *     can tell the user the cluster stopped rather than merely that a connection failed
     */
    public SparkConnectClient(String host, int port, Supplier<Optional<String>> stopCause) {
        this.target = host + ":" + port;
        this.stopCause = requireNonNull(stopCause, "stopCause is null");
        this.channel = NettyChannelBuilder.forAddress(host, port)
                .usePlaintext()
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .userAgent("lakegate")
                .build();
    }

    /** Host and port of the server, for messages. */
    public String target() {
        return target;
    }

    /** Opens a Spark Connect session of its own for a user: configuration, current database and temp views. */
    public ConnectSession openSession(String user) {
        return new ConnectSession(this, user);
    }

    /** Asks the server for its Spark version: proof that it answers requests, not only that its port is open. */
    public String sparkVersion(Duration timeout) {
        AnalyzePlanRequest request = AnalyzePlanRequest.newBuilder()
                .setSessionId(UUID.randomUUID().toString())
                .setUserContext(UserContext.newBuilder().setUserId(HEALTH_CHECK_USER))
                .setClientType(ConnectSession.CLIENT_TYPE)
                .setSparkVersion(AnalyzePlanRequest.SparkVersion.getDefaultInstance())
                .build();
        try {
            return blockingStub()
                    .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .analyzePlan(request)
                    .getSparkVersion()
                    .getVersion();
        } catch (RuntimeException e) {
            throw SparkErrors.translate(e, this);
        }
    }

    SparkConnectServiceGrpc.SparkConnectServiceBlockingStub blockingStub() {
        return SparkConnectServiceGrpc.newBlockingStub(channel);
    }

    Optional<String> stopCause() {
        return stopCause.get();
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
