package io.lakegate.server.cli;

import io.lakegate.server.cli.HiveTypes.ValueKind;
import java.nio.ByteBuffer;
import org.apache.arrow.vector.FieldVector;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TTransport;

/**
 * One column of a FetchResults answer, held as the bytes of its Thrift {@code TColumn}: the values encoded as they
 * arrive from the batches, and the positions that are NULL.
 */
final class ColumnWriter {
    private static final TStruct STRUCT = new TStruct("");
    private static final TField VALUES = new TField("values", TType.LIST, (short) 1);
    private static final TField NULLS = new TField("nulls", TType.STRING, (short) 2);

    private final ValueKind kind;
    private final WireBytes values = new WireBytes();
    private final NullBits nulls = new NullBits();
    /** Chosen from the first batch: every batch of a result has the same vector types. */
    private ValueEncoding encoding;
    private int rows;

    ColumnWriter(ValueKind kind) {
        this.kind = kind;
    }

    /** Prepares for the batches' vector type; before {@link #sizedAhead} or {@link #size} are asked. */
    void bind(FieldVector vector) {
        if (encoding == null) {
            encoding = ValueEncoding.of(kind, vector);
        }
    }

    /** See {@link ValueEncoding#sizedAhead()}. */
    boolean sizedAhead() {
        return encoding.sizedAhead();
    }

    /** See {@link ValueEncoding#size}. */
    long size(FieldVector vector, int from, int count) {
        return encoding.size(vector, from, count);
    }

    /** Bytes of the values so far, as they go on the wire. */
    long bytes() {
        return values.size();
    }

    /** Appends rows {@code [from, from + count)} of a vector of the bound type. */
    void append(FieldVector vector, int from, int count) {
        encoding.encode(vector, from, count, values);
        if (ValueEncoding.mayHaveNulls(vector, count)) {
            for (int row = from; row < from + count; row++) {
                if (vector.isNull(row)) {
                    nulls.set(rows + row - from);
                }
            }
        }
        rows += count;
    }

    /**
     * Writes the {@code TColumn} union and its {@code T<kind>Column} struct as the generated classes would, with the
     * values' bytes copied to the transport as they are: only valid for the binary protocol.
     */
    void writeBinary(TProtocol out) throws TException {
        out.writeStructBegin(STRUCT);
        out.writeFieldBegin(new TField("", TType.STRUCT, unionField()));
        out.writeStructBegin(STRUCT);
        out.writeFieldBegin(VALUES);
        out.writeListBegin(new TList(elementType(), rows));
        TTransport transport = out.getTransport();
        transport.write(values.array(), 0, values.size());
        out.writeListEnd();
        out.writeFieldEnd();
        out.writeFieldBegin(NULLS);
        out.writeBinary(ByteBuffer.wrap(nulls.toByteArray()));
        out.writeFieldEnd();
        out.writeFieldStop();
        out.writeStructEnd();
        out.writeFieldEnd();
        out.writeFieldStop();
        out.writeStructEnd();
    }

    /** The id of the {@code TColumn} field that carries this kind (TCLIService.thrift). */
    private short unionField() {
        return switch (kind) {
            case BOOLEAN -> 1;
            case BYTE -> 2;
            case SHORT -> 3;
            case INT -> 4;
            case LONG -> 5;
            case DOUBLE -> 6;
            case STRING -> 7;
            case BINARY -> 8;
        };
    }

    private byte elementType() {
        return switch (kind) {
            case BOOLEAN -> TType.BOOL;
            case BYTE -> TType.BYTE;
            case SHORT -> TType.I16;
            case INT -> TType.I32;
            case LONG -> TType.I64;
            case DOUBLE -> TType.DOUBLE;
            case STRING, BINARY -> TType.STRING;
        };
    }
}
