package io.lakegate.server.cli;

import io.lakegate.engine.ColumnBatch;
import io.lakegate.server.cli.HiveTypes.ValueKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.hive.service.rpc.thrift.TBinaryColumn;
import org.apache.hive.service.rpc.thrift.TBoolColumn;
import org.apache.hive.service.rpc.thrift.TBoolValue;
import org.apache.hive.service.rpc.thrift.TByteColumn;
import org.apache.hive.service.rpc.thrift.TByteValue;
import org.apache.hive.service.rpc.thrift.TColumn;
import org.apache.hive.service.rpc.thrift.TColumnValue;
import org.apache.hive.service.rpc.thrift.TDoubleColumn;
import org.apache.hive.service.rpc.thrift.TDoubleValue;
import org.apache.hive.service.rpc.thrift.TI16Column;
import org.apache.hive.service.rpc.thrift.TI16Value;
import org.apache.hive.service.rpc.thrift.TI32Column;
import org.apache.hive.service.rpc.thrift.TI32Value;
import org.apache.hive.service.rpc.thrift.TI64Column;
import org.apache.hive.service.rpc.thrift.TI64Value;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.hive.service.rpc.thrift.TRow;
import org.apache.hive.service.rpc.thrift.TRowSet;
import org.apache.hive.service.rpc.thrift.TStringColumn;
import org.apache.hive.service.rpc.thrift.TStringValue;

/**
 * Collects the rows of one FetchResults answer column by column, then writes them as the client's protocol wants:
 * column-based from protocol V6, row-based before.
 */
final class RowSetBuilder {
    private final List<Values> columns = new ArrayList<>();
    private final long startOffset;
    private int rows;
    private long bytes;

    RowSetBuilder(List<Column> schema, long startOffset) {
        schema.forEach(column -> columns.add(new Values(HiveTypes.valueKind(column.type()))));
        this.startOffset = startOffset;
    }

    int rowCount() {
        return rows;
    }

    boolean isFull(FetchBudget budget) {
        return budget.isSpent(rows, bytes);
    }

    /** One row of Java values in the order of the schema (metadata listings). */
    void addRow(Object[] values) {
        for (int i = 0; i < columns.size(); i++) {
            bytes += columns.get(i).add(values[i]);
        }
        rows++;
    }

    /**
     * Rows of a batch from row {@code from}, at most {@code count}, converted while the batch is still valid, until
     * the budget is spent; returns how many it took.
     */
    int addRows(ColumnBatch batch, int from, int count, FetchBudget budget) {
        int taken = 0;
        while (taken < count && !isFull(budget)) {
            int row = from + taken;
            for (int i = 0; i < columns.size(); i++) {
                bytes += columns.get(i).add(ArrowValues.read(batch.column(i), row));
            }
            rows++;
            taken++;
        }
        return taken;
    }

    TRowSet build(TProtocolVersion protocol) {
        TRowSet rowSet = new TRowSet(startOffset, new ArrayList<>());
        if (protocol.getValue() >= TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V6.getValue()) {
            columns.forEach(values -> rowSet.addToColumns(values.toColumn()));
        } else {
            for (int row = 0; row < rows; row++) {
                List<TColumnValue> values = new ArrayList<>(columns.size());
                for (Values column : columns) {
                    values.add(column.toValue(row));
                }
                rowSet.addToRows(new TRow(values));
            }
        }
        return rowSet;
    }

    /** The values of one column, with a placeholder where a value is NULL, as the wire format wants. */
    private static final class Values {
        private final ValueKind kind;
        private final List<Object> values = new ArrayList<>();
        private final BitSet nulls = new BitSet();

        Values(ValueKind kind) {
            this.kind = kind;
        }

        /** Adds a value; returns about how many bytes it takes on the wire. */
        long add(Object value) {
            if (value == null) {
                nulls.set(values.size());
                values.add(placeholder());
                return 1;
            }
            Object normalised = normalise(value);
            values.add(normalised);
            return switch (kind) {
                // A length prefix and the characters: exact for ASCII, the common case in results.
                case STRING -> Integer.BYTES + ((String) normalised).length();
                case BINARY -> Integer.BYTES + ((ByteBuffer) normalised).remaining();
                default -> Long.BYTES;
            };
        }

        private Object placeholder() {
            return switch (kind) {
                case BOOLEAN -> false;
                case BYTE -> (byte) 0;
                case SHORT -> (short) 0;
                case INT -> 0;
                case LONG -> 0L;
                case DOUBLE -> 0.0;
                case STRING -> "";
                case BINARY -> ByteBuffer.allocate(0);
            };
        }

        private Object normalise(Object value) {
            return switch (kind) {
                case BOOLEAN -> (Boolean) value;
                case BYTE -> ((Number) value).byteValue();
                case SHORT -> ((Number) value).shortValue();
                case INT -> ((Number) value).intValue();
                case LONG -> ((Number) value).longValue();
                case DOUBLE -> value instanceof Float f ? ArrowValues.floatAsDouble(f) : (Double) value;
                case STRING -> value.toString();
                case BINARY -> ByteBuffer.wrap((byte[]) value);
            };
        }

        @SuppressWarnings("unchecked")
        private <T> List<T> typed() {
            return (List<T>) (List<?>) values;
        }

        TColumn toColumn() {
            ByteBuffer nullBits = ByteBuffer.wrap(nulls.toByteArray());
            return switch (kind) {
                case BOOLEAN -> TColumn.boolVal(new TBoolColumn(typed(), nullBits));
                case BYTE -> TColumn.byteVal(new TByteColumn(typed(), nullBits));
                case SHORT -> TColumn.i16Val(new TI16Column(typed(), nullBits));
                case INT -> TColumn.i32Val(new TI32Column(typed(), nullBits));
                case LONG -> TColumn.i64Val(new TI64Column(typed(), nullBits));
                case DOUBLE -> TColumn.doubleVal(new TDoubleColumn(typed(), nullBits));
                case STRING -> TColumn.stringVal(new TStringColumn(typed(), nullBits));
                case BINARY -> TColumn.binaryVal(new TBinaryColumn(typed(), nullBits));
            };
        }

        /** A row-based value: its field left unset stands for NULL. */
        TColumnValue toValue(int row) {
            Object value = nulls.get(row) ? null : values.get(row);
            return switch (kind) {
                case BOOLEAN -> {
                    TBoolValue bool = new TBoolValue();
                    if (value != null) {
                        bool.setValue((Boolean) value);
                    }
                    yield TColumnValue.boolVal(bool);
                }
                case BYTE -> {
                    TByteValue tiny = new TByteValue();
                    if (value != null) {
                        tiny.setValue((Byte) value);
                    }
                    yield TColumnValue.byteVal(tiny);
                }
                case SHORT -> {
                    TI16Value small = new TI16Value();
                    if (value != null) {
                        small.setValue((Short) value);
                    }
                    yield TColumnValue.i16Val(small);
                }
                case INT -> {
                    TI32Value integer = new TI32Value();
                    if (value != null) {
                        integer.setValue((Integer) value);
                    }
                    yield TColumnValue.i32Val(integer);
                }
                case LONG -> {
                    TI64Value big = new TI64Value();
                    if (value != null) {
                        big.setValue((Long) value);
                    }
                    yield TColumnValue.i64Val(big);
                }
                case DOUBLE -> {
                    TDoubleValue real = new TDoubleValue();
                    if (value != null) {
                        real.setValue((Double) value);
                    }
                    yield TColumnValue.doubleVal(real);
                }
                case STRING, BINARY -> {
                    TStringValue text = new TStringValue();
                    if (value instanceof String string) {
                        text.setValue(string);
                    } else if (value instanceof ByteBuffer bytes) {
                        // Row-based sets have no binary value: Hive sends the bytes as text.
                        text.setValue(new String(bytes.array(), bytes.arrayOffset() + bytes.position(),
                                bytes.remaining(), StandardCharsets.UTF_8));
                    }
                    yield TColumnValue.stringVal(text);
                }
            };
        }
    }
}
