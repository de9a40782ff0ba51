package io.lakegate.server.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.lakegate.server.cli.HiveTypes.ValueKind;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.Types.MinorType;

/**
 * How the values of one kind of Arrow vector become Thrift's binary encoding of a column's {@code values} list. The
 * common types are read straight from the vector's buffers; the rest go through {@link ArrowValues#read}, so that
 * every value is the one the generated classes would carry. NULL slots get the placeholder Hive clients skip: zeros,
 * or an empty string.
 */
interface ValueEncoding {
    /** Whether {@link #size} can tell the values' size before they are encoded. */
    boolean sizedAhead();

    /**
     * The bytes rows {@code [from, from + count)} take, for encodings that are {@link #sizedAhead}, in constant time.
     * For variable-width values it is read from the offsets, so it also counts bytes a producer left in NULL slots
     * (which are sent empty): never less than what is sent.
     */
    long size(FieldVector vector, int from, int count);

    /** Appends rows {@code [from, from + count)} of the vector. */
    void encode(FieldVector vector, int from, int count, WireBytes out);

    /**
     * Whether a run of rows must be checked for NULLs. Counting a vector's NULLs reads its whole validity buffer: worth
     * it for a long run, not for the single rows an answer of converted values takes.
     */
    static boolean mayHaveNulls(FieldVector vector, int count) {
        return count < Long.SIZE || vector.getNullCount() > 0;
    }

    static ValueEncoding of(ValueKind kind, FieldVector vector) {
        MinorType type = vector.getMinorType();
        return switch (kind) {
            case BOOLEAN -> type == MinorType.BIT ? Fixed.BOOLEAN : new Converted(kind);
            case BYTE -> type == MinorType.TINYINT ? Fixed.BYTE : new Converted(kind);
            case SHORT -> type == MinorType.SMALLINT ? Fixed.SHORT : new Converted(kind);
            case INT -> type == MinorType.INT ? Fixed.INT : new Converted(kind);
            case LONG -> type == MinorType.BIGINT ? Fixed.LONG : new Converted(kind);
            case DOUBLE -> type == MinorType.FLOAT8 ? Fixed.DOUBLE
                    : type == MinorType.FLOAT4 ? Fixed.FLOAT : new Converted(kind);
            case STRING -> type == MinorType.VARCHAR ? new OffsetBytes(true) : new Converted(kind);
            case BINARY -> type == MinorType.VARBINARY ? new OffsetBytes(false) : new Converted(kind);
        };
    }

    /**
     * Fixed-width vectors, copied value by value from the data buffer with no look at validity; NULL slots (whose data
     * Arrow leaves undefined) are zeroed afterwards. One constant per type keeps each loop monomorphic.
     */
    enum Fixed implements ValueEncoding {
        BOOLEAN(1) {
            @Override
            void copy(ArrowBuf data, int from, int end, WireBytes out) {
                for (int row = from; row < end; row++) {
                    out.writeByte((data.getByte(row >>> 3) >>> (row & 7)) & 1);
                }
            }
        },
        BYTE(1) {
            @Override
            void copy(ArrowBuf data, int from, int end, WireBytes out) {
                for (int row = from; row < end; row++) {
                    out.writeByte(data.getByte(row));
                }
            }
        },
        SHORT(2) {
            @Override
            void copy(ArrowBuf data, int from, int end, WireBytes out) {
                for (int row = from; row < end; row++) {
                    out.writeShort(data.getShort((long) row * Short.BYTES));
                }
            }
        },
        INT(4) {
            @Override
            void copy(ArrowBuf data, int from, int end, WireBytes out) {
                for (int row = from; row < end; row++) {
                    out.writeInt(data.getInt((long) row * Integer.BYTES));
                }
            }
        },
        LONG(8) {
            @Override
            void copy(ArrowBuf data, int from, int end, WireBytes out) {
                for (int row = from; row < end; row++) {
                    out.writeLong(data.getLong((long) row * Long.BYTES));
                }
            }
        },
        DOUBLE(8) {
            @Override
            void copy(ArrowBuf data, int from, int end, WireBytes out) {
                for (int row = from; row < end; row++) {
                    // doubleToLongBits, not the raw bits: libthrift's writeDouble sends every NaN as the canonical one.
                    out.writeLong(Double.doubleToLongBits(data.getDouble((long) row * Double.BYTES)));
                }
            }
        },
        FLOAT(8) {
            @Override
            void copy(ArrowBuf data, int from, int end, WireBytes out) {
                for (int row = from; row < end; row++) {
                    double value = ArrowValues.floatAsDouble(data.getFloat((long) row * Float.BYTES));
                    out.writeLong(Double.doubleToLongBits(value));
                }
            }
        };

        private final int width;

        Fixed(int width) {
            this.width = width;
        }

        abstract void copy(ArrowBuf data, int from, int end, WireBytes out);

        @Override
        public boolean sizedAhead() {
            return true;
        }

        @Override
        public long size(FieldVector vector, int from, int count) {
            return (long) count * width;
        }

        @Override
        public void encode(FieldVector vector, int from, int count, WireBytes out) {
            out.reserve((long) count * width);
            int start = out.size();
            copy(vector.getDataBuffer(), from, from + count, out);
            if (ValueEncoding.mayHaveNulls(vector, count)) {
                for (int row = from; row < from + count; row++) {
                    if (vector.isNull(row)) {
                        out.zero(start + (row - from) * width, width);
                    }
                }
            }
        }
    }

    /**
     * VARCHAR and VARBINARY: a length and the bytes between two offsets. Arrow's strings are UTF-8 already, so text
     * that is all ASCII (the common case, checked 8 bytes at a time) is copied as it is; a value with other bytes goes
     * the generated classes' way (decoded, then encoded again), which replaces malformed UTF-8 as they would.
     */
    final class OffsetBytes implements ValueEncoding {
        private static final long HIGH_BITS = 0x8080808080808080L;

        private final boolean text;

        OffsetBytes(boolean text) {
            this.text = text;
        }

        @Override
        public boolean sizedAhead() {
            return true;
        }

        @Override
        public long size(FieldVector vector, int from, int count) {
            ArrowBuf offsets = vector.getOffsetBuffer();
            return (long) count * Integer.BYTES + offsets.getInt((long) (from + count) * Integer.BYTES)
                    - offsets.getInt((long) from * Integer.BYTES);
        }

        @Override
        public void encode(FieldVector vector, int from, int count, WireBytes out) {
            ArrowBuf offsets = vector.getOffsetBuffer();
            ArrowBuf data = vector.getDataBuffer();
            int first = offsets.getInt((long) from * Integer.BYTES);
            int last = offsets.getInt((long) (from + count) * Integer.BYTES);
            out.reserve((long) count * Integer.BYTES + (last - first));
            boolean checkEach = text && !isAscii(data, first, last);
            boolean nulls = ValueEncoding.mayHaveNulls(vector, count);
            for (int row = from; row < from + count; row++) {
                int start = offsets.getInt((long) row * Integer.BYTES);
                int end = offsets.getInt((long) (row + 1) * Integer.BYTES);
                if (nulls && vector.isNull(row)) {
                    out.writeInt(0);
                } else if (checkEach && !isAscii(data, start, end)) {
                    byte[] value = vector.getObject(row).toString().getBytes(UTF_8);
                    // Replacement characters may make it longer than the bytes reserved for the run.
                    out.reserve(Integer.BYTES + value.length);
                    out.writeInt(value.length);
                    out.write(value);
                } else {
                    out.writeInt(end - start);
                    out.write(data, start, end - start);
                }
            }
        }

        private static boolean isAscii(ArrowBuf data, long start, long end) {
            long index = start;
            for (; index + Long.BYTES <= end; index += Long.BYTES) {
                if ((data.getLong(index) & HIGH_BITS) != 0) {
                    return false;
                }
            }
            for (; index < end; index++) {
                if (data.getByte(index) < 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Everything else (decimals, dates, timestamps, intervals, nested values, NULL columns, and any vector whose type
     * is not the column's usual one): the value {@link ArrowValues#read} gives, encoded as the column's kind.
     */
    record Converted(ValueKind kind) implements ValueEncoding {
        @Override
        public boolean sizedAhead() {
            return false;
        }

        @Override
        public long size(FieldVector vector, int from, int count) {
            throw new UnsupportedOperationException("the size of a converted value is known once it is encoded");
        }

        @Override
        public void encode(FieldVector vector, int from, int count, WireBytes out) {
            for (int row = from; row < from + count; row++) {
                write(ArrowValues.read(vector, row), out);
            }
        }

        private void write(Object value, WireBytes out) {
            out.reserve(Long.BYTES);
            switch (kind) {
                case BOOLEAN -> out.writeByte(value != null && (Boolean) value ? 1 : 0);
                case BYTE -> out.writeByte(value == null ? 0 : ((Number) value).byteValue());
                case SHORT -> out.writeShort(value == null ? 0 : ((Number) value).shortValue());
                case INT -> out.writeInt(value == null ? 0 : ((Number) value).intValue());
                case LONG -> out.writeLong(value == null ? 0 : ((Number) value).longValue());
                case DOUBLE -> out.writeLong(Double.doubleToLongBits(value == null ? 0.0
                        : value instanceof Float f ? ArrowValues.floatAsDouble(f) : (Double) value));
                case STRING -> writeBytes(value == null ? null : value.toString().getBytes(UTF_8), out);
                case BINARY -> writeBytes((byte[]) value, out);
            }
        }

        private static void writeBytes(byte[] value, WireBytes out) {
            if (value == null) {
                out.writeInt(0);
            } else {
                out.reserve(Integer.BYTES + value.length);
                out.writeInt(value.length);
                out.write(value);
            }
        }
    }
}
