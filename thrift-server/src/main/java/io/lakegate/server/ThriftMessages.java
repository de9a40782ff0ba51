package io.lakegate.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.TMemoryBuffer;
import org.apache.thrift.transport.TMemoryInputTransport;
import org.apache.thrift.transport.TTransport;

/** One Thrift call in the binary protocol, from request bytes to answer bytes, the same on every transport. */
final class ThriftMessages {
    /**
     * Answers are built in memory; their size is bounded by the fetch limits, not by Thrift's reader setting.
     * Requests are bounded before they get here, by the transport's request limit.
     */
    private static final TConfiguration THRIFT = TConfiguration.custom().setMaxMessageSize(Integer.MAX_VALUE).build();
    private static final int INITIAL_ANSWER_BYTES = 1024;

    private ThriftMessages() {}

    /** The answer to a call, in buffers of the Netty allocator that the caller owns (writing it releases it). */
    static ByteBuf answer(TProcessor processor, byte[] request) throws TException {
        ChunkedOutput out = new ChunkedOutput();
        try {
            processor.process(reader(request, 0, request.length), new TBinaryProtocol(out));
            return out.toByteBuf();
        } catch (TException | RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    /** A protocol that reads the given bytes. */
    static TProtocol reader(byte[] bytes, int offset, int length) throws TException {
        return new TBinaryProtocol(new TMemoryInputTransport(THRIFT, bytes, offset, length));
    }

    /** The answer that tells a client its call was malformed. */
    static ByteBuf protocolError(TMessage call, String reason) {
        try {
            TMemoryBuffer out = new TMemoryBuffer(THRIFT, INITIAL_ANSWER_BYTES);
            writeError(new TBinaryProtocol(out), call, TApplicationException.PROTOCOL_ERROR, reason);
            return Unpooled.wrappedBuffer(out.getArray(), 0, out.length());
        } catch (TException e) {
            throw new IllegalStateException("cannot write to memory", e);
        }
    }

    /** Answers a call with an error instead of its result, as Thrift's own processors do. */
    static void writeError(TProtocol out, TMessage call, int type, String reason) throws TException {
        out.writeMessageBegin(new TMessage(call.name, TMessageType.EXCEPTION, call.seqid));
        new TApplicationException(type, reason).write(out);
        out.writeMessageEnd();
        out.getTransport().flush();
    }

    /**
     * An output that fills direct buffers one after the other instead of doubling one array: a FetchResults answer of
     * megabytes is copied once, into memory the socket writes from, rather than a dozen times and then to the socket.
     * Small answers, most calls, fit the first buffer.
     */
    private static final class ChunkedOutput extends TTransport {
        private static final int LARGEST_CHUNK = 256 * 1024;

        private final List<ByteBuf> chunks = new ArrayList<>();
        private ByteBuf current;

        @Override
        public void write(byte[] bytes, int offset, int length) {
            int from = offset;
            int left = length;
            while (left > 0) {
                if (current == null || !current.isWritable()) {
                    int size = current == null ? INITIAL_ANSWER_BYTES : Math.min(LARGEST_CHUNK, 2 * current.capacity());
                    current = ByteBufAllocator.DEFAULT.directBuffer(size, size);
                    chunks.add(current);
                }
                int part = Math.min(left, current.writableBytes());
                current.writeBytes(bytes, from, part);
                from += part;
                left -= part;
            }
        }

        /** The bytes written, as one buffer that owns the chunks. */
        ByteBuf toByteBuf() {
            return chunks.size() == 1 ? chunks.get(0) : Unpooled.wrappedBuffer(chunks.toArray(ByteBuf[]::new));
        }

        void release() {
            chunks.forEach(ByteBuf::release);
            chunks.clear();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void open() {}

        @Override
        public void close() {}

        @Override
        public int read(byte[] bytes, int offset, int length) {
            throw new UnsupportedOperationException("an answer is only written");
        }

        @Override
        public TConfiguration getConfiguration() {
            return THRIFT;
        }

        @Override
        public void updateKnownMessageSize(long size) {}

        @Override
        public void checkReadBytesAvailable(long numBytes) {}
    }
}
