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
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.connect.proto.AnalyzePlanRequest;
import org.apache.spark.connect.proto.SparkConnectServiceGrpc;
import org.apache.spark.connect.proto.UserContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's connection to one Spark Connect server: a single gRPC channel that all of the engine's sessions on
 * that server share. Every call sends the server's token ({@code Authorization: Bearer <token>}), without which Spark
 * Connect refuses it.
 *
 * <p>Every call but a statement's result stream has a deadline, and the channel pings the server while calls are under
 * way, so that neither a stalled server nor a connection that died without a word holds a caller forever.
 */
public final class SparkConnectClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SparkConnectClient.class);

    /** Large enough for Spark's biggest Arrow batch; the clusters are told to keep batches far smaller. */
    private static final int MAX_INBOUND_MESSAGE_BYTES = 256 * 1024 * 1024;
    private static final String HEALTH_CHECK_USER = "lakegate";
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("Authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final String target;
    private final ConnectTimeouts timeouts;
    /** One Spark session for every check: the cluster keeps a session it saw for an hour after its last call. */
    private final String healthCheckSession = UUID.randomUUID().toString();
    private final ManagedChannel channel;
    private final Supplier<Optional<String>> stopCause;

    /**
     * @param token the server's secret, sent with every call; never logged
     * @param stopCause says why the server is gone once it is (a process that exited, say), so that a broken call
     *     can tell the user the cluster stopped rather than merely that a connection failed
     */
    public SparkConnectClient(
            String host, int port, String token, ConnectTimeouts timeouts, Supplier<Optional<String>> stopCause) {
        requireNonNull(token, "token is null");
        this.target = host + ":" + port;
        this.timeouts = requireNonNull(timeouts, "timeouts is null");
        this.stopCause = requireNonNull(stopCause, "stopCause is null");
        this.channel = NettyChannelBuilder.forAddress(host, port)
                .usePlaintext()
                .keepAliveTime(timeouts.keepAliveTime().toNanos(), TimeUnit.NANOSECONDS)
                .keepAliveTimeout(timeouts.keepAliveTimeout().toNanos(), TimeUnit.NANOSECONDS)
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
                .setSessionId(healthCheckSession)
                .setUserContext(UserContext.newBuilder().setUserId(HEALTH_CHECK_USER))
                .setClientType(ConnectSession.CLIENT_TYPE)
                .setSparkVersion(AnalyzePlanRequest.SparkVersion.getDefaultInstance())
                .build();
        return call("version", timeout, "the health check's limit",
                stub -> stub.analyzePlan(request).getSparkVersion().getVersion());
    }

    /** How long this client waits on the server. */
    public ConnectTimeouts timeouts() {
        return timeouts;
    }

    /**
     * Makes one unary call with the call deadline.
     *
     * @param what the request, for the message when the server does not answer in time
     */
    <T> T call(String what, Function<SparkConnectServiceGrpc.SparkConnectServiceBlockingStub, T> call) {
        return call(what, timeouts.call(), "lakegate.cluster.call-timeout", call);
    }

    private <T> T call(String what, Duration deadline, String limit,
            Function<SparkConnectServiceGrpc.SparkConnectServiceBlockingStub, T> call) {
        try {
            return call.apply(SparkConnectServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS));
        } catch (RuntimeException e) {
            if (Status.fromThrowable(e).getCode() == Status.Code.DEADLINE_EXCEEDED) {
                // Where the cluster lies is for the server's log, not for the client's message.
                LOG.warn("The Spark cluster at {} did not answer the {} request within {}", target, what,
                        ConnectTimeouts.describe(deadline));
                throw new LakegateException(SqlStates.TIMEOUT_EXPIRED, "The Spark cluster did not answer the "
                        + what + " request within " + ConnectTimeouts.describe(deadline) + " (" + limit + ")", e);
            }
            throw SparkErrors.translate(e, this);
        }
    }

    /** A stub for a statement's result stream, which has no deadline: statements run as long as they need. */
    SparkConnectServiceGrpc.SparkConnectServiceStub asyncStub() {
        return SparkConnectServiceGrpc.newStub(channel);
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
