package io.lakegate.server;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Optional;
import org.apache.thrift.protocol.TMessage;

/**
 * Cuts NOSASL traffic, where Thrift binary messages follow each other without frames, into whole messages. The
 * scanner walks each message's structure by the lengths it declares, so this decoder knows where a message ends,
 * waits for more bytes while it is incomplete, and refuses one that grows beyond the request limit or is malformed.
 */
final class UnframedMessageDecoder extends RequestDecoder {
    private final ThriftMessageScanner scanner;

    UnframedMessageDecoder(TransportLimits limits, String remoteAddress) {
        super(limits, remoteAddress);
        this.scanner = new ThriftMessageScanner(limits.maxRequestBytes());
    }

    @Override
    protected void decodeCall(ByteBuf in, List<Object> out) {
        int length = scanner.scan(in);
        if (length >= 0) {
            out.add(in.readRetainedSlice(length));
        }
    }

    @Override
    protected Optional<TMessage> header() {
        return scanner.header();
    }
}
