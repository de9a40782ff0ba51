package io.lakegate.server;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TType;

/**
 * Where one Thrift binary-protocol message ends, from the lengths it declares, without allocating. It keeps its place
 * between calls, so bytes that arrive a few at a time are each looked at once, and it walks nested values with a
 * bounded stack of its own rather than by recursion: no message can exhaust the thread's stack, or take longer to
 * scan than its length.
 */
final class ThriftMessageScanner {
    /** Containers (structs, lists, sets, maps) nested deeper than this are refused; TCLIService needs fewer than 10. */
    static final int MAX_DEPTH = 64;
    /** No TCLIService function has a name longer than a few dozen characters. */
    static final int MAX_NAME_BYTES = 256;
    private static final int VERSION_MASK = 0xffff0000;
    private static final int VERSION_1 = 0x80010000;
    private static final int HEADER_FIXED_BYTES = 12;
    private static final byte NO_VALUE = -1;

    private final int maxBytes;
    /** Per open container: its kind (STRUCT, LIST for lists and sets, MAP), value types and values left. */
    private final byte[] kinds = new byte[MAX_DEPTH];
    private final byte[] keyTypes = new byte[MAX_DEPTH];
    private final byte[] valueTypes = new byte[MAX_DEPTH];
    private final long[] remaining = new long[MAX_DEPTH];
    private int depth;
    /** The type of the value that comes next, once its field or container slot is consumed. */
    private byte pending = NO_VALUE;
    private TMessage header;
    /** Offset from the start of the message of the next byte to look at. */
    private long position;
    private ByteBuf buffer;
    private int start;
    private long available;

    ThriftMessageScanner(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * The length of the message that starts at the buffer's reader index, or -1 while its bytes have not all arrived.
     * The buffer must keep the bytes from its reader index on between calls; after a complete message the scanner
     * starts afresh.
     *
     * @throws CorruptedFrameException when the bytes cannot be a Thrift message
     * @throws TooLongFrameException when the message needs more than the limit
     */
    int scan(ByteBuf bytes) {
        buffer = bytes;
        start = bytes.readerIndex();
        available = bytes.readableBytes();
        try {
            if (header == null) {
                header = readHeader();
                push(TType.STRUCT, TType.STOP, TType.STOP, 0);
            }
            while (depth > 0) {
                step();
            }
        } catch (Incomplete e) {
            return -1;
        } finally {
            buffer = null;
        }
        int length = (int) position;
        reset();
        return length;
    }

    /** The header of the message being scanned, once its bytes have arrived: where an error answer goes. */
    Optional<TMessage> header() {
        return Optional.ofNullable(header);
    }

    private void reset() {
        header = null;
        position = 0;
        depth = 0;
        pending = NO_VALUE;
    }

    private TMessage readHeader() {
        require(8);
        int version = intAt(0);
        if ((version & VERSION_MASK) != VERSION_1) {
            throw new CorruptedFrameException(String.format("bad Thrift message version 0x%08x", version));
        }
        int nameBytes = intAt(4);
        if (nameBytes < 0 || nameBytes > MAX_NAME_BYTES) {
            throw new CorruptedFrameException("Thrift message name of " + nameBytes + " bytes (expected: 0 to "
                    + MAX_NAME_BYTES + ")");
        }
        require(HEADER_FIXED_BYTES + nameBytes);
        String name = buffer.toString(start + 8, nameBytes, StandardCharsets.UTF_8);
        TMessage message = new TMessage(name, (byte) version, intAt(8 + nameBytes));
        position = HEADER_FIXED_BYTES + nameBytes;
        return message;
    }

    /** Consumes one field header, value or container end; consumes nothing when the bytes for it are missing. */
    private void step() {
        if (pending != NO_VALUE) {
            value(pending);
            pending = NO_VALUE;
            return;
        }
        int top = depth - 1;
        if (kinds[top] == TType.STRUCT) {
            require(1);
            byte type = byteAt(0);
            if (type == TType.STOP) {
                position++;
                depth--;
                return;
            }
            checkType(type);
            require(3);
            position += 3;
            pending = type;
        } else if (remaining[top] == 0) {
            depth--;
        } else {
            remaining[top]--;
            // A map's entries alternate key and value; an odd count left means a key comes next.
            pending = kinds[top] == TType.MAP && remaining[top] % 2 == 1 ? keyTypes[top] : valueTypes[top];
        }
    }

    private void value(byte type) {
        switch (type) {
            case TType.BOOL, TType.BYTE -> skip(1);
            case TType.I16 -> skip(2);
            case TType.I32 -> skip(4);
            case TType.I64, TType.DOUBLE -> skip(8);
            case TType.STRING -> {
                require(4);
                skip(4L + length(0));
            }
            case TType.STRUCT -> push(TType.STRUCT, TType.STOP, TType.STOP, 0);
            case TType.LIST, TType.SET -> {
                require(5);
                byte element = byteAt(0);
                checkType(element);
                push(TType.LIST, TType.STOP, element, length(1));
                position += 5;
            }
            case TType.MAP -> {
                require(6);
                byte key = byteAt(0);
                byte value = byteAt(1);
                checkType(key);
                checkType(value);
                push(TType.MAP, key, value, 2L * length(2));
                position += 6;
            }
            default -> throw new CorruptedFrameException("unknown Thrift type " + type);
        }
    }

    private void push(byte kind, byte keyType, byte valueType, long values) {
        if (depth == MAX_DEPTH) {
            throw new CorruptedFrameException("Thrift values nested deeper than " + MAX_DEPTH);
        }
        kinds[depth] = kind;
        keyTypes[depth] = keyType;
        valueTypes[depth] = valueType;
        remaining[depth] = values;
        depth++;
    }

    private static void checkType(byte type) {
        switch (type) {
            case TType.BOOL, TType.BYTE, TType.I16, TType.I32, TType.I64, TType.DOUBLE, TType.STRING, TType.STRUCT,
                    TType.LIST, TType.SET, TType.MAP -> { }
            default -> throw new CorruptedFrameException("unknown Thrift type " + type);
        }
    }

    private int length(int offset) {
        int length = intAt(offset);
        if (length < 0) {
            throw new CorruptedFrameException("negative Thrift length " + length);
        }
        return length;
    }

    private byte byteAt(int offset) {
        return buffer.getByte(start + (int) position + offset);
    }

    private int intAt(int offset) {
        return buffer.getInt(start + (int) position + offset);
    }

    private void skip(long count) {
        require(count);
        position += count;
    }

    /** Beyond the limit the message is too long whatever follows; short of it, more bytes may come. */
    private void require(long count) {
        if (position + count > maxBytes) {
            throw new TooLongFrameException("Thrift message longer than " + maxBytes + " bytes");
        }
        if (position + count > available) {
            throw Incomplete.INSTANCE;
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
