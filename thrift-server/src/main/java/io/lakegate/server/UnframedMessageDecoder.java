package io.lakegate.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Cuts NOSASL traffic, where Thrift binary messages follow each other without frames, into whole messages. It walks
 * the message's structure by the lengths it declares, without allocating, so it knows where a message ends, waits
 * for more bytes while it is incomplete, and refuses one that grows beyond the frame limit or is malformed.
 */
final class UnframedMessageDecoder extends ByteToMessageDecoder {
    private final int maxMessageBytes;

    UnframedMessageDecoder(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int end = ThriftMessageScanner.messageEnd(in, in.readerIndex(), maxMessageBytes);
        if (end < 0) {
            return;
        }
        out.add(in.readRetainedSlice(end - in.readerIndex()));
    }

    /** Where one Thrift binary-protocol message ends, from the lengths it declares. */
    static final class ThriftMessageScanner {
        private static final int VERSION_MASK = 0xffff0000;
        private static final int VERSION_1 = 0x80010000;
        private static final int MAX_DEPTH = 64;
        /** An index past any buffer: the message is not complete yet. */
        private static final int INCOMPLETE = -1;

        private final ByteBuf buffer;
        private final int maxBytes;
        private final long limit;
        private long position;

        private ThriftMessageScanner(ByteBuf buffer, int start, int maxBytes) {
            this.buffer = buffer;
            this.maxBytes = maxBytes;
            this.position = start;
            this.limit = (long) start + maxBytes;
        }

        /**
         * The index just past the message that starts at {@code start}, or -1 while its bytes have not all arrived.
         *
         * @throws CorruptedFrameException when the bytes cannot be a Thrift message
         * @throws TooLongFrameException when the message declares more than {@code maxBytes}
         */
        static int messageEnd(ByteBuf buffer, int start, int maxBytes) {
            ThriftMessageScanner scanner = new ThriftMessageScanner(buffer, start, maxBytes);
            try {
                scanner.message();
                return (int) scanner.position;
            } catch (Incomplete e) {
                return INCOMPLETE;
            }
        }

        private void message() {
            int version = readInt();
            if ((version & VERSION_MASK) != VERSION_1) {
                throw new CorruptedFrameException(String.format("bad Thrift message version 0x%08x", version));
            }
            skipBytes(length());
            skipBytes(4);
            struct(0);
        }

        private void struct(int depth) {
            if (depth > MAX_DEPTH) {
                throw new CorruptedFrameException("Thrift structures nested deeper than " + MAX_DEPTH);
            }
            while (true) {
                byte type = readByte();
                if (type == 0) {
                    return;
                }
                skipBytes(2);
                value(type, depth);
            }
        }

        private void value(byte type, int depth) {
            switch (type) {
                case 2, 3 -> skipBytes(1);
                case 6 -> skipBytes(2);
                case 8 -> skipBytes(4);
                case 4, 10 -> skipBytes(8);
                case 11 -> skipBytes(length());
                case 12 -> struct(depth + 1);
                case 13 -> {
                    byte keyType = readByte();
                    byte valueType = readByte();
                    int entries = length();
                    for (int i = 0; i < entries; i++) {
                        value(keyType, depth + 1);
                        value(valueType, depth + 1);
                    }
                }
                case 14, 15 -> {
                    byte elementType = readByte();
                    int elements = length();
                    for (int i = 0; i < elements; i++) {
                        value(elementType, depth + 1);
                    }
                }
                default -> throw new CorruptedFrameException("unknown Thrift type " + type);
            }
        }

        private int length() {
            int length = readInt();
            if (length < 0) {
                throw new CorruptedFrameException("negative Thrift length " + length);
            }
            return length;
        }

        private byte readByte() {
            require(1);
            return buffer.getByte((int) position++);
        }

        private int readInt() {
            require(4);
            int value = buffer.getInt((int) position);
            position += 4;
            return value;
        }

        private void skipBytes(int count) {
            require(count);
            position += count;
        }

        /** Beyond the limit the message is too long whatever follows; short of it, more bytes may come. */
        private void require(long count) {
            if (position + count > limit) {
                throw new TooLongFrameException("Thrift message longer than " + maxBytes + " bytes");
            }
            if (position + count > buffer.writerIndex()) {
                throw Incomplete.INSTANCE;
            }
        }
    }

    /** Control flow for "wait for more bytes", without a stack trace. */
    private static final class Incomplete extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private static final Incomplete INSTANCE = new Incomplete();

        private Incomplete() {
            super(null, null, false, false);
        }
    }
}
