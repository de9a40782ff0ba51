package io.lakegate.benchmarks.compare;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TColumn;
import org.apache.hive.service.rpc.thrift.TColumnDesc;
import org.apache.hive.service.rpc.thrift.TDoubleColumn;
import org.apache.hive.service.rpc.thrift.TFetchResultsResp;
import org.apache.hive.service.rpc.thrift.TI32Column;
import org.apache.hive.service.rpc.thrift.TI64Column;
import org.apache.hive.service.rpc.thrift.TPrimitiveTypeEntry;
import org.apache.hive.service.rpc.thrift.TRowSet;
import org.apache.hive.service.rpc.thrift.TStatus;
import org.apache.hive.service.rpc.thrift.TStatusCode;
import org.apache.hive.service.rpc.thrift.TStringColumn;
import org.apache.hive.service.rpc.thrift.TTableSchema;
import org.apache.hive.service.rpc.thrift.TTypeDesc;
import org.apache.hive.service.rpc.thrift.TTypeEntry;
import org.apache.hive.service.rpc.thrift.TTypeId;
import org.apache.thrift.TException;
import org.apache.thrift.TSerializer;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;

/**
 * The FetchResults answers the stand-in server replays, serialised once with the generated classes as a HiveServer2
 * would send them (columnar, protocol V6 and later): the range query's rows in answers of {@link #ROWS_PER_ANSWER},
 * ids {@code 0 .. CYCLE_ROWS-1}, replayed in a cycle for larger results; the one-row answer of {@code SELECT 1}; and
 * the empty answer that ends a result for Hive JDBC.
 */
final class ReplayAnswers {
    static final int ROWS_PER_ANSWER = 10_000;
    static final long CYCLE_ROWS = 1_000_000;

    /** Stands for the row offset while an answer is serialised, so that the offset's place can be found after. */
    private static final long OFFSET_MARKER = 0x4C414B4547415445L;

    /**
     * One answer's bytes, and where in them its row offset is: Hive JDBC checks that each answer starts where the
     * previous one ended, so the replay writes the offset of the result at hand there.
     */
    record Answer(byte[] bytes, int offsetAt) {
        void write(TTransport transport, long offset) throws TTransportException {
            byte[] bigEndian = new byte[Long.BYTES];
            for (int index = 0; index < bigEndian.length; index++) {
                bigEndian[index] = (byte) (offset >>> (56 - 8 * index));
            }
            transport.write(bytes, 0, offsetAt);
            transport.write(bigEndian);
            transport.write(bytes, offsetAt + Long.BYTES, bytes.length - offsetAt - Long.BYTES);
        }
    }

    final List<Answer> range;
    final Answer one;
    final Answer end;

    private ReplayAnswers(List<Answer> range, Answer one, Answer end) {
        this.range = range;
        this.one = one;
        this.end = end;
    }

    static ReplayAnswers build() {
        List<Answer> range = new ArrayList<>();
        for (long first = 0; first < CYCLE_ROWS; first += ROWS_PER_ANSWER) {
            range.add(serialise(rangeRows(first), true));
        }
        TRowSet one = new TRowSet(OFFSET_MARKER, List.of());
        one.addToColumns(TColumn.i32Val(new TI32Column(List.of(1), ByteBuffer.allocate(0))));
        TRowSet end = new TRowSet(OFFSET_MARKER, List.of());
        end.addToColumns(TColumn.i32Val(new TI32Column(List.of(), ByteBuffer.allocate(0))));
        return new ReplayAnswers(range, serialise(one, true), serialise(end, false));
    }

    private static TRowSet rangeRows(long first) {
        List<Long> ids = new ArrayList<>(ROWS_PER_ANSWER);
        List<String> texts = new ArrayList<>(ROWS_PER_ANSWER);
        List<Double> times = new ArrayList<>(ROWS_PER_ANSWER);
        for (long id = first; id < first + ROWS_PER_ANSWER; id++) {
            ids.add(id);
            texts.add(Long.toString(id));
            times.add(id * 1.5);
        }
        TRowSet rows = new TRowSet(OFFSET_MARKER, List.of());
        ByteBuffer noNulls = ByteBuffer.allocate(0);
        rows.addToColumns(TColumn.i64Val(new TI64Column(ids, noNulls)));
        rows.addToColumns(TColumn.stringVal(new TStringColumn(texts, noNulls)));
        rows.addToColumns(TColumn.doubleVal(new TDoubleColumn(times, noNulls)));
        return rows;
    }

    /** The body of a FetchResults reply: the result struct, without the message header that carries the seqid. */
    private static Answer serialise(TRowSet rows, boolean more) {
        TFetchResultsResp answer = new TFetchResultsResp(new TStatus(TStatusCode.SUCCESS_STATUS));
        answer.setHasMoreRows(more);
        answer.setResults(rows);
        byte[] bytes;
        try {
            bytes = new TSerializer(new TBinaryProtocol.Factory())
                    .serialize(new TCLIService.FetchResults_result(answer));
        } catch (TException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer view = ByteBuffer.wrap(bytes);
        for (int at = 0; at + Long.BYTES <= bytes.length; at++) {
            if (view.getLong(at) == OFFSET_MARKER) {
                return new Answer(bytes, at);
            }
        }
        throw new IllegalStateException("The serialised answer has no row offset");
    }

    static TTableSchema rangeSchema() {
        TTableSchema schema = new TTableSchema();
        schema.addToColumns(column("id", TTypeId.BIGINT_TYPE, 1));
        schema.addToColumns(column("CAST(id AS STRING)", TTypeId.STRING_TYPE, 2));
        schema.addToColumns(column("(CAST(id AS DOUBLE) * 1.5)", TTypeId.DOUBLE_TYPE, 3));
        return schema;
    }

    static TTableSchema oneSchema() {
        TTableSchema schema = new TTableSchema();
        schema.addToColumns(column("1", TTypeId.INT_TYPE, 1));
        return schema;
    }

    private static TColumnDesc column(String name, TTypeId type, int position) {
        TTypeDesc desc = new TTypeDesc(List.of(TTypeEntry.primitiveEntry(new TPrimitiveTypeEntry(type))));
        return new TColumnDesc(name, desc, position);
    }
}
