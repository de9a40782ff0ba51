package io.lakegate.server.cli;

import io.lakegate.engine.ColumnBatch;
import io.lakegate.engine.operation.RowSink;
import java.util.ArrayList;
import java.util.List;
import org.apache.hive.service.rpc.thrift.TRowSet;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryBuffer;
import org.apache.thrift.transport.TMemoryInputTransport;

/**
 * A column-based FetchResults answer (protocol V6 and later) filled straight from Arrow batches: each column keeps its
 * values already encoded, so the answer costs no object per value, and {@link #write} hands those bytes to the
 * transport. It is a {@link TRowSet} so that the generated {@code TFetchResultsResp} writes it like any other: its
 * scheme calls {@code results.write(protocol)}.
 */
final class ArrowRowSet extends TRowSet implements RowSink {
    private static final TStruct STRUCT = new TStruct("TRowSet");
    private static final TField START_ROW_OFFSET = new TField("startRowOffset", TType.I64, (short) 1);
    private static final TField ROWS = new TField("rows", TType.LIST, (short) 2);
    private static final TField COLUMNS = new TField("columns", TType.LIST, (short) 3);

    private final List<ColumnWriter> writers = new ArrayList<>();
    private final FetchBudget budget;
    private int rowCount;
    private long bytes;

    ArrowRowSet(List<Column> schema, long startOffset, FetchBudget budget) {
        // The rows field is required even in column-based answers: an empty list, as Hive writes it.
        super(startOffset, new ArrayList<>());
        schema.forEach(column -> writers.add(new ColumnWriter(HiveTypes.valueKind(column.type()))));
        this.budget = budget;
    }

    int rowCount() {
        return rowCount;
    }

    @Override
    public boolean isFull() {
        return budget.isSpent(rowCount, bytes);
    }

    /**
     * Takes the rows the budget allows, column by column. Where every column can tell its values' sizes before
     * encoding them, the number of rows is found first; otherwise the rows are encoded one at a time so that the
     * answer ends at the same row in every column.
     */
    @Override
    public int take(ColumnBatch batch, int offset, int count) {
        int limit = Math.min(count, budget.maxRows() - rowCount);
        if (limit <= 0 || isFull()) {
            return 0;
        }
        boolean sizedAhead = true;
        for (int i = 0; i < writers.size(); i++) {
            writers.get(i).bind(batch.column(i));
            sizedAhead &= writers.get(i).sizedAhead();
        }
        if (sizedAhead) {
            int taken = rowsWithinBudget(batch, offset, limit);
            append(batch, offset, taken);
            rowCount += taken;
            return taken;
        }
        int taken = 0;
        while (taken < limit && !isFull()) {
            append(batch, offset + taken, 1);
            rowCount++;
            taken++;
        }
        return taken;
    }

    /**
     * How many rows from {@code offset} fit, as {@link FetchBudget#isSpent} counts them: at least one in an empty
     * answer. Whether the row at a given position still goes in only changes once, from yes to no, so a binary search
     * over the runs' sizes finds the count; most calls take every row, which the first check shows.
     */
    private int rowsWithinBudget(ColumnBatch batch, int offset, int limit) {
        if (!spentBefore(batch, offset, limit - 1)) {
            return limit;
        }
        int low = 0;
        int high = limit - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (spentBefore(batch, offset, middle)) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    /** Whether the budget is spent once the {@code rows} rows from {@code offset} are in. */
    private boolean spentBefore(ColumnBatch batch, int offset, int rows) {
        long size = bytes;
        for (int i = 0; i < writers.size(); i++) {
            size += writers.get(i).size(batch.column(i), offset, rows);
        }
        return budget.isSpent(rowCount + rows, size);
    }

    private void append(ColumnBatch batch, int offset, int count) {
        bytes = 0;
        for (int i = 0; i < writers.size(); i++) {
            writers.get(i).append(batch.column(i), offset, count);
            bytes += writers.get(i).bytes();
        }
    }

    /**
     * Writes the fields the generated class would: {@code startRowOffset}, the empty {@code rows}, and
     * {@code columns} unless the result has none. Other protocols than the binary one (which no transport of the
     * server uses) get a generated copy, decoded from the binary form.
     */
    @Override
    public void write(TProtocol out) throws TException {
        if (!(out instanceof TBinaryProtocol)) {
            generatedCopy().write(out);
            return;
        }
        out.writeStructBegin(STRUCT);
        out.writeFieldBegin(START_ROW_OFFSET);
        out.writeI64(getStartRowOffset());
        out.writeFieldEnd();
        out.writeFieldBegin(ROWS);
        out.writeListBegin(new TList(TType.STRUCT, 0));
        out.writeListEnd();
        out.writeFieldEnd();
        if (!writers.isEmpty()) {
            out.writeFieldBegin(COLUMNS);
            out.writeListBegin(new TList(TType.STRUCT, writers.size()));
            for (ColumnWriter column : writers) {
                column.writeBinary(out);
            }
            out.writeListEnd();
            out.writeFieldEnd();
        }
        out.writeFieldStop();
        out.writeStructEnd();
    }

    private TRowSet generatedCopy() throws TException {
        TConfiguration unbounded = TConfiguration.custom().setMaxMessageSize(Integer.MAX_VALUE).build();
        TMemoryBuffer encoded = new TMemoryBuffer(unbounded, (int) Math.min(Integer.MAX_VALUE - 8, bytes + 64));
        write(new TBinaryProtocol(encoded));
        TRowSet copy = new TRowSet();
        copy.read(new TBinaryProtocol(new TMemoryInputTransport(unbounded, encoded.getArray(), 0, encoded.length())));
        return copy;
    }
}
