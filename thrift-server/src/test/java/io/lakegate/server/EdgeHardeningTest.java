package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.server.auth.Authentication;
import io.lakegate.server.cli.ClientConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hive.service.rpc.thrift.TCloseSessionReq;
import org.apache.hive.service.rpc.thrift.THandleIdentifier;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the edge does with hostile clients: deep nesting, calls without requests, stalls, too many connections. */
class EdgeHardeningTest {
    private static final TransportLimits LIMITS = new TransportLimits(2 * 1024 * 1024, Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofHours(1), 2, 1);

    private final ClientConnection connection = new ClientConnection("test");
    private final AtomicInteger served = new AtomicInteger();
    private final TProcessor service = (TProtocol in, TProtocol out) -> served.incrementAndGet();

    @ParameterizedTest(name = "type {0}")
    @ValueSource(bytes = {TType.LIST, TType.SET, TType.MAP, TType.STRUCT})
    void deepNestingOfAnyContainerIsAProtocolErrorOnNoSasl(byte container) {
        EmbeddedChannel channel = binary();
        byte[] message = FuzzInputs.nested(container, 200_000);
        long start = System.nanoTime();
        // A megabyte in 1 KB reads: each is looked at once, so this takes milliseconds, not minutes.
        for (int offset = 0; offset < message.length && channel.isOpen(); offset += 1024) {
            channel.writeInbound(Unpooled.wrappedBuffer(message, offset, Math.min(1024, message.length - offset)));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(channel.isOpen()).isFalse();
        assertThat(answerError(channel)).contains("nested deeper than 64");
        assertThat(served).hasValue(0);
    }

    @ParameterizedTest(name = "type {0}")
    @ValueSource(bytes = {TType.LIST, TType.SET, TType.MAP, TType.STRUCT})
    void deepNestingInAFrameIsAnsweredAndTheConnectionStays(byte container) {
        EmbeddedChannel channel = binary();
        channel.writeInbound(Unpooled.wrappedBuffer(FuzzInputs.saslNegotiation()));
        outbound(channel).release();
        channel.writeInbound(Unpooled.wrappedBuffer(FuzzInputs.frame(FuzzInputs.nested(container, 100))));
        ByteBuf frame = outbound(channel);
        assertThat(errorMessage(frame.skipBytes(4))).contains("nested deeper than 64");
        frame.release();
        assertThat(channel.isOpen()).isTrue();
        assertThat(served).hasValue(0);
    }

    @Test
    void aCallWithoutItsRequestIsAProtocolErrorNotAnInternalOne() {
        EmbeddedChannel channel = binary();
        byte[] empty = FuzzInputs.hostile().stream()
                .filter(message -> message.length < 64 && new String(message).contains("ExecuteStatement"))
                .findFirst().orElseThrow();
        channel.writeInbound(Unpooled.wrappedBuffer(empty));
        assertThat(answerError(channel)).isEqualTo("the call carries no request");
        assertThat(channel.isOpen()).isTrue();
        assertThat(served).hasValue(0);
    }

    @Test
    void aClientThatSendsNothingIsClosedAfterTheHandshakeTimeout() {
        EmbeddedChannel channel = binary();
        channel.advanceTimeBy(29, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aCallThatStopsHalfwayIsClosedAfterTheReadTimeout() {
        EmbeddedChannel channel = binary();
        byte[] call = FuzzInputs.nested(TType.LIST, 3);
        channel.writeInbound(Unpooled.wrappedBuffer(call, 0, call.length - 1));
        channel.advanceTimeBy(59, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
        assertThat(served).hasValue(0);
    }

    /** Each client can leave its connections idle; closing thousands of them at once must not flood the log. */
    @Test
    void connectionsClosedForIdlingAreLoggedWithinTheClientFaultLimit() {
        try (LogCounter logs = new LogCounter()) {
            for (int i = 0; i < 50; i++) {
                EmbeddedChannel channel = new EmbeddedChannel(new IdleStateHandler(0, 0,
                        LIMITS.idleTimeout().toNanos(), TimeUnit.NANOSECONDS), new TransportDetector(LIMITS, connection, Authentication.none(), Runnable::run),
                        new ThriftCallHandler(new CheckedProcessor(service, "test", LIMITS.maxRequestBytes()),
                                connection, Runnable::run, LIMITS.idleTimeout()));
                channel.writeInbound(Unpooled.wrappedBuffer(FuzzInputs.serialize(client -> client.send_CloseSession(
                        new TCloseSessionReq(new TSessionHandle(new THandleIdentifier(ByteBuffer.allocate(16),
                                ByteBuffer.allocate(16))))))));
                channel.advanceTimeBy(LIMITS.idleTimeout().toSeconds() + 1, TimeUnit.SECONDS);
                channel.runScheduledPendingTasks();
                assertThat(channel.isOpen()).as("closed when idle").isFalse();
                channel.finishAndReleaseAll();
            }
            // 20 lines per window of the client-fault log, and the one that counts what it left out.
            assertThat(logs.edgeLines()).isLessThanOrEqualTo(21);
        }
    }

    @Test
    void connectionsBeyondTheCapsAreRefusedUntilOneCloses() {
        ConnectionLimits limits = new ConnectionLimits("test", LIMITS);
        EmbeddedChannel first = new EmbeddedChannel();
        assertThat(limits.admit(first)).isTrue();
        // Embedded channels share one address: the per-address cap of 1 refuses the second.
        assertThat(limits.admit(new EmbeddedChannel())).isFalse();
        first.close();
        assertThat(limits.admit(new EmbeddedChannel())).isTrue();
    }

    private EmbeddedChannel binary() {
        return new EmbeddedChannel(new TransportDetector(LIMITS, connection, Authentication.none(), Runnable::run), new ThriftCallHandler(
                new CheckedProcessor(service, "test", LIMITS.maxRequestBytes()), connection, Runnable::run,
                LIMITS.idleTimeout()));
    }

    private static String answerError(EmbeddedChannel channel) {
        ByteBuf answer = outbound(channel);
        assertThat(answer.isReadable()).as("an answer").isTrue();
        try {
            return errorMessage(answer);
        } finally {
            answer.release();
        }
    }

    /** Everything the server has written so far, joined. */
    private static ByteBuf outbound(EmbeddedChannel channel) {
        ByteBuf joined = Unpooled.buffer();
        for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
            joined.writeBytes(part);
            part.release();
        }
        return joined;
    }

    /** The message of the TApplicationException the bytes carry. */
    private static String errorMessage(ByteBuf answer) {
        try {
            byte[] bytes = new byte[answer.readableBytes()];
            answer.readBytes(bytes);
            TProtocol in = ThriftMessages.reader(bytes, 0, bytes.length);
            TMessage message = in.readMessageBegin();
            assertThat(message.type).isEqualTo(TMessageType.EXCEPTION);
            TApplicationException error = TApplicationException.readFrom(in);
            assertThat(error.getType()).isEqualTo(TApplicationException.PROTOCOL_ERROR);
            return error.getMessage();
        } catch (TException e) {
            throw new AssertionError(e);
        }
    }
}
