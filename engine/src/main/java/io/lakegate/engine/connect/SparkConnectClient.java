package io.lakegate.engine.connect;

import static java.util.Objects.requireNonNull;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
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
 * that server share. Every call sends the server's token ({@code Authorization: Bearer <token>}), without which Spark
 * Connect refuses it.
 */
public final class SparkConnectClient implements AutoCloseable {
    /** Large enough for Spark's biggest Arrow batch; the clusters are told to keep batches far smaller. */
    private static final int MAX_INBOUND_MESSAGE_BYTES = 256 * 1024 * 1024;
    private static final String HEALTH_CHECK_USER = "lakegate";
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("Authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final String target;
    private final ManagedChannel channel;
    private final Supplier<Optional<String>> stopCause;

    /**
     * @param token the server's secret, sent with every call; never logged
     * @param stopCause says why the server is gone once it is (a process that exited, say), so that a broken call
     *     can tell the user the cluster stopped rather than merely that a connection failed
     */
    public SparkConnectClient(String host, int port, String token, Supplier<Optional<String>> stopCause) {
        requireNonNull(token, "token is null");
        this.target = host + ":" + port;
        this.stopCause = requireNonNull(stopCause, "stopCause is null");
        this.channel = NettyChannelBuilder.forAddress(host, port)
                .usePlaintext()
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .userAgent("lakegate")
                .intercept(new BearerToken(token))
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

    /** Adds the server's token to every call's headers. */
    private static final class BearerToken implements ClientInterceptor {
        private final String authorization;

        BearerToken(String token) {
            this.authorization = "Bearer " + token;
        }

        @Override
        public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<A> listener, Metadata headers) {
                    headers.put(AUTHORIZATION, authorization);
                    super.start(listener, headers);
                }
            };
        }

        @Override
        public String toString() {
            return "BearerToken[***]";
        }
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
