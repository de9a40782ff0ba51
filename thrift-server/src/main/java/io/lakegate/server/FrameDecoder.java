package io.lakegate.server;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * The framing after SASL negotiation: each Thrift call comes in a frame with a 4-byte length. A length beyond the
 * request limit is refused as soon as it is read, before anything is allocated for it.
 */
final class FrameDecoder extends RequestDecoder {
    private static final int LENGTH_BYTES = 4;

    private final int maxRequestBytes;

    FrameDecoder(TransportLimits limits, String remoteAddress) {
        super(limits, remoteAddress);
        this.maxRequestBytes = limits.maxRequestBytes();
    }

    @Override
    protected void decodeCall(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < LENGTH_BYTES) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 0) {
            throw new CorruptedFrameException("negative frame length " + length);
        }
        if (length > maxRequestBytes) {
            throw new TooLongFrameException("frame of " + length + " bytes (at most " + maxRequestBytes + ")");
        }
        if (in.readableBytes() < LENGTH_BYTES + length) {
            return;
        }
        in.skipBytes(LENGTH_BYTES);
        out.add(in.readRetainedSlice(length));
    }
}
