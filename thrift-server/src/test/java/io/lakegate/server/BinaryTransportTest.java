package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.server.auth.Authentication;
import io.lakegate.server.auth.Identity;
import io.lakegate.server.cli.ClientConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryBuffer;
import org.junit.jupiter.api.Test;

/**
 * The binary transport's pipeline without sockets: detection, SASL negotiation, framing, and what happens to clients
 * that send garbage, stop halfway or declare frames beyond the limit. An echoing processor stands for the handler.
 */
class BinaryTransportTest {
    private static final TransportLimits LIMITS = new TransportLimits(1024, Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofHours(1), 10, 10);

    private final List<byte[]> calls = new ArrayList<>();
    private final ClientConnection connection = new ClientConnection("test");

    @Test
    void saslPlainAuthenticatesThenCarriesLengthPrefixedFrames() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(sasl(1, "PLAIN"), sasl(5, "\u0000alice\u0000secret"));
        assertThat(readOutbound(channel)).containsExactly(5, 0, 0, 0, 0);
        assertThat(connection.identity().map(Identity::user)).contains("alice");

        byte[] message = thriftMessage("GetInfo", "x");
        channel.writeInbound(frame(message));
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0)).isEqualTo(message);
        assertThat(readOutbound(channel)).isEqualTo(frameBytes(message));
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void saslMessagesSplitAnywhereAreReassembled() {
        EmbeddedChannel channel = channel();
        ByteBuf bytes = Unpooled.wrappedBuffer(sasl(1, "PLAIN"), sasl(5, "\u0000bob\u0000pw"),
                frame(thriftMessage("OpenSession", "y")));
        while (bytes.isReadable()) {
            channel.writeInbound(bytes.readRetainedSlice(Math.min(3, bytes.readableBytes())));
        }
        bytes.release();
        assertThat(connection.identity().map(Identity::user)).contains("bob");
        assertThat(calls).hasSize(1);
    }

    @Test
    void anUnsupportedMechanismIsRefusedAndClosed() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(sasl(1, "GSSAPI"));
        byte[] answer = readOutbound(channel);
        assertThat(answer[0]).isEqualTo((byte) 3);
        assertThat(new String(answer, 5, answer.length - 5, StandardCharsets.UTF_8)).contains("GSSAPI");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aSaslNegotiationThatStopsHalfwayTimesOut() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(sasl(1, "PLAIN"));
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(31, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
        assertThat(calls).isEmpty();
    }

    @Test
    void anOversizedFrameClosesTheConnectionBeforeAnythingIsAllocated() {
        EmbeddedChannel channel = authenticated();
        channel.writeInbound(Unpooled.buffer().writeInt(Integer.MAX_VALUE).writeBytes(new byte[16]));
        assertThat(channel.isOpen()).isFalse();
        assertThat(calls).isEmpty();
    }

    @Test
    void aTruncatedFrameIsNeverProcessedAndTheDisconnectIsClean() {
        EmbeddedChannel channel = authenticated();
        byte[] frame = frameBytes(thriftMessage("GetInfo", "z"));
        channel.writeInbound(Unpooled.wrappedBuffer(frame, 0, frame.length - 3));
        assertThat(calls).isEmpty();
        assertThat(channel.finish()).isFalse();
        assertThat(calls).isEmpty();
    }

    @Test
    void garbageIsRefusedByTheDetector() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\n", StandardCharsets.US_ASCII));
        assertThat(channel.isOpen()).isFalse();
        assertThat(calls).isEmpty();
    }

    @Test
    void noSaslMessagesAreCutByTheirStructureEvenWhenSplit() {
        EmbeddedChannel channel = channel();
        byte[] first = thriftMessage("GetInfo", "first");
        byte[] second = thriftMessage("GetInfo", "second");
        ByteBuf both = Unpooled.wrappedBuffer(first, second);
        channel.writeInbound(both.readRetainedSlice(first.length - 2));
        assertThat(calls).isEmpty();
        channel.writeInbound(both.readRetainedSlice(both.readableBytes()));
        both.release();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).isEqualTo(first);
        assertThat(calls.get(1)).isEqualTo(second);
        assertThat(readOutbound(channel)).isEqualTo(ByteBufUtil.getBytes(Unpooled.wrappedBuffer(first, second)));
    }

    @Test
    void aNoSaslMessageDeclaringAHugeStringIsRefused() {
        EmbeddedChannel channel = channel();
        ByteBuf message = Unpooled.buffer().writeInt(0x80010001).writeInt(Integer.MAX_VALUE).writeBytes(new byte[8]);
        channel.writeInbound(message);
        assertThat(channel.isOpen()).isFalse();
        assertThat(calls).isEmpty();
    }

    @Test
    void aNoSaslMessageWithABadVersionIsRefused() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(Unpooled.buffer().writeInt(0x80990001).writeInt(0).writeInt(1).writeByte(0));
        assertThat(channel.isOpen()).isFalse();
        assertThat(calls).isEmpty();
    }

    @Test
    void aCallThatCannotBeAnsweredClosesItsConnectionInsteadOfLeavingTheClientWaiting() {
        for (TProcessor failing : List.<TProcessor>of(
                (in, out) -> {
                    throw new TException("cannot read the arguments");
                },
                (in, out) -> {
                    throw new NoClassDefFoundError("a class vanished from the classpath");
                })) {
            EmbeddedChannel channel = new EmbeddedChannel(new TransportDetector(LIMITS, connection, Authentication.none(), Runnable::run),
                    new ThriftCallHandler(failing, connection, Runnable::run, LIMITS.idleTimeout()));
            channel.writeInbound(Unpooled.wrappedBuffer(thriftMessage("GetTables", "w")));
            assertThat(channel.isOpen()).isFalse();
        }
    }

    private EmbeddedChannel channel() {
        TProcessor echo = (TProtocol in, TProtocol out) -> {
            byte[] request = readAll(in);
            calls.add(request);
            out.getTransport().write(request);
        };
        return new EmbeddedChannel(
                new TransportDetector(LIMITS, connection, Authentication.none(), Runnable::run),
                new ThriftCallHandler(echo, connection, Runnable::run, LIMITS.idleTimeout()));
    }

    private EmbeddedChannel authenticated() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(sasl(1, "PLAIN"), sasl(5, "\u0000carol\u0000pw"));
        readOutbound(channel);
        return channel;
    }

    private static byte[] readAll(TProtocol in) throws TException {
        ByteBuf bytes = Unpooled.buffer();
        byte[] chunk = new byte[256];
        int read;
        while ((read = in.getTransport().read(chunk, 0, chunk.length)) > 0) {
            bytes.writeBytes(chunk, 0, read);
        }
        byte[] all = ByteBufUtil.getBytes(bytes);
        bytes.release();
        return all;
    }

    /** Everything the server has written so far, joined. */
    private static byte[] readOutbound(EmbeddedChannel channel) {
        ByteBuf out = Unpooled.buffer();
        for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
            out.writeBytes(part);
            part.release();
        }
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        return bytes;
    }

    private static ByteBuf sasl(int status, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return Unpooled.buffer().writeByte(status).writeInt(bytes.length).writeBytes(bytes);
    }

    private static ByteBuf frame(byte[] message) {
        return Unpooled.wrappedBuffer(frameBytes(message));
    }

    private static byte[] frameBytes(byte[] message) {
        ByteBuf frame = Unpooled.buffer().writeInt(message.length).writeBytes(message);
        byte[] bytes = ByteBufUtil.getBytes(frame);
        frame.release();
        return bytes;
    }

    /** A strict binary-protocol call with one string field, as a Thrift client would send it. */
    private static byte[] thriftMessage(String method, String value) {
        try {
            TMemoryBuffer buffer = new TMemoryBuffer(64);
            TBinaryProtocol protocol = new TBinaryProtocol(buffer);
            protocol.writeMessageBegin(new TMessage(method, TMessageType.CALL, 1));
            protocol.writeStructBegin(new TStruct("args"));
            protocol.writeFieldBegin(new TField("value", TType.STRING, (short) 1));
            protocol.writeString(value);
            protocol.writeFieldEnd();
            protocol.writeFieldStop();
            protocol.writeStructEnd();
            protocol.writeMessageEnd();
            byte[] bytes = new byte[buffer.length()];
            System.arraycopy(buffer.getArray(), 0, bytes, 0, bytes.length);
            return bytes;
        } catch (TException e) {
            throw new IllegalStateException(e);
        }
    }
}
