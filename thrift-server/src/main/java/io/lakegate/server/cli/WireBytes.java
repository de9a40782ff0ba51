package io.lakegate.server.cli;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;

/**
 * Values already in Thrift's binary encoding (big-endian numbers, strings as an i32 length and UTF-8 bytes), in a
 * byte array that grows: an answer outlives the Arrow batches it was read from.
 */
final class WireBytes {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] bytes = new byte[256];
    private int size;

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    /** Makes room for {@code more} bytes, so that the writes after it need no bounds check of their own. */
    void reserve(long more) {
        long needed = size + more;
        if (needed > bytes.length) {
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("an answer of more than 2 GiB: " + needed + " bytes");
            }
            bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * bytes.length)));
        }
    }

    void writeByte(int value) {
        bytes[size++] = (byte) value;
    }

    void writeShort(short value) {
        SHORT.set(bytes, size, value);
        size += Short.BYTES;
    }

    void writeInt(int value) {
        INT.set(bytes, size, value);
        size += Integer.BYTES;
    }

    void writeLong(long value) {
        LONG.set(bytes, size, value);
        size += Long.BYTES;
    }

    /** Overwrites written bytes with zeros: the placeholder of a NULL fixed-width value. */
    void zero(int index, int count) {
        Arrays.fill(bytes, index, index + count, (byte) 0);
    }

    void write(byte[] value) {
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
    }

    void write(ArrowBuf source, long index, int length) {
        source.getBytes(index, bytes, size, length);
        size += length;
    }
}
