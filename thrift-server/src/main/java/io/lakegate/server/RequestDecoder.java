package io.lakegate.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.util.List;
import java.util.Optional;
import org.apache.thrift.protocol.TMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A framing of the binary transport that cuts Thrift calls out of the byte stream. It gives the client the read
 * timeout to finish each call it begins, and on malformed bytes it answers with a Thrift protocol error when it knows
 * the call, closes the connection, logs one short line and ignores whatever else arrives.
 */
abstract class RequestDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDecoder.class);

    private final RequestDeadline deadline;
    private final String remoteAddress;
    private boolean failed;
    private boolean emitted;

    RequestDecoder(TransportLimits limits, String remoteAddress) {
        this.deadline = new RequestDeadline(limits.readTimeout(), remoteAddress);
        this.remoteAddress = remoteAddress;
    }

    /**
     * Adds to {@code out} the next whole call, if its bytes have all arrived.
     *
     * @throws DecoderException when the bytes cannot be a call within the limits
     */
    protected abstract void decodeCall(ByteBuf in, List<Object> out);

    /** The header of the call being decoded, when it is known: the protocol error then answers it. */
    protected Optional<TMessage> header() {
        return Optional.empty();
    }

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int before = out.size();
        try {
            decodeCall(in, out);
        } catch (DecoderException e) {
            fail(ctx, in, e);
        }
        emitted |= out.size() > before;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        super.channelRead(ctx, msg);
        if (emitted || actualReadableBytes() == 0) {
            deadline.end();
        }
        emitted = false;
        if (actualReadableBytes() > 0 && !failed) {
            deadline.begin(ctx);
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        deadline.end();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        deadline.end();
        super.channelInactive(ctx);
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, DecoderException e) {
        failed = true;
        deadline.end();
        in.skipBytes(in.readableBytes());
        Optional<TMessage> call = header();
        ClientFaults.log(LOG, "Closing connection from {}: {}{}", remoteAddress, e.getMessage(),
                call.map(message -> " (in " + ClientFaults.quote(message.name) + ")").orElse(""));
        if (call.isPresent()) {
            // From the tail, so that the framing's encoder, if it has one, frames the answer.
            ctx.channel().writeAndFlush(ThriftMessages.protocolError(call.get(), e.getMessage()))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
