package io.lakegate.server;

import io.lakegate.server.auth.Authentication;
import io.lakegate.server.cli.ClientConnection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the two binary transports apart by the first byte a client sends: a SASL client starts with the START
 * status (1), a NOSASL client with the first byte of a Thrift binary message (0x80 for the strict encoding every
 * current client uses). Replaces itself by the framing that fits; the bytes it saw pass on to that framing. A client
 * that sends nothing within the handshake timeout is closed.
 */
final class TransportDetector extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(TransportDetector.class);
    private static final int STRICT_THRIFT_MESSAGE = 0x80;

    private final TransportLimits limits;
    private final ClientConnection connection;
    private final Authentication authentication;
    private final Executor workers;
    private ScheduledFuture<?> timeout;
    private boolean refused;

    TransportDetector(TransportLimits limits, ClientConnection connection, Authentication authentication,
            Executor workers) {
        this.limits = limits;
        this.connection = connection;
        this.authentication = authentication;
        this.workers = workers;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timeout = HandshakeDeadline.start(ctx, limits.handshakeTimeout(), LOG, "it sent nothing",
                connection.remoteAddress());
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        timeout.cancel(false);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (!in.isReadable()) {
            return;
        }
        int first = in.getUnsignedByte(in.readerIndex());
        if (first == SaslStatus.START.code()) {
            ctx.pipeline().replace(this, "sasl", new SaslPlainNegotiator(limits, connection, authentication, workers));
        } else if (first == STRICT_THRIFT_MESSAGE) {
            ctx.pipeline().replace(this, "nosasl", new UnframedMessageDecoder(limits, connection.remoteAddress()));
        } else {
            refused = true;
            in.skipBytes(in.readableBytes());
            ClientFaults.log(LOG, "Closing connection from {}: not a HiveServer2 client (first byte 0x{} is neither "
                    + "SASL START nor a Thrift message)", connection.remoteAddress(), Integer.toHexString(first));
            ctx.close();
        }
    }
}
