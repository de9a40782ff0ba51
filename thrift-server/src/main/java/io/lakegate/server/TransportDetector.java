package io.lakegate.server;

import io.lakegate.server.cli.ClientConnection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;

/**
 * Tells the two binary transports apart by the first byte a client sends: a SASL client starts with the START
 * status (1), a NOSASL client with the first byte of a Thrift binary message (0x80 for the strict encoding every
 * current client uses). Replaces itself by the framing that fits; the bytes it saw pass on to that framing.
 */
final class TransportDetector extends ByteToMessageDecoder {
    private static final int STRICT_THRIFT_MESSAGE = 0x80;

    private final int maxFrameBytes;
    private final ClientConnection connection;

    TransportDetector(int maxFrameBytes, ClientConnection connection) {
        this.maxFrameBytes = maxFrameBytes;
        this.connection = connection;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        int first = in.getUnsignedByte(in.readerIndex());
        if (first == SaslStatus.START.code()) {
            ctx.pipeline().replace(this, "sasl", new SaslPlainNegotiator(maxFrameBytes, connection));
        } else if (first == STRICT_THRIFT_MESSAGE) {
            ctx.pipeline().replace(this, "nosasl", new UnframedMessageDecoder(maxFrameBytes));
        } else {
            throw new CorruptedFrameException(String.format(
                    "not a HiveServer2 client: first byte 0x%02x is neither SASL START nor a Thrift message", first));
        }
    }
}
