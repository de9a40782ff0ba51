package io.lakegate.server.cli;

import io.lakegate.common.SparkType.Kind;
import io.lakegate.engine.ColumnBatch;
import io.lakegate.engine.ColumnBatches;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.thrift.TBase;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TMemoryBuffer;

/**
 * A rough timing, run by hand, not a test: encoding answers of the benchmark's row ({@code bigint, string, double})
 * the generated classes' way and straight from Arrow, both to bytes in memory. Arguments: rows per answer, rounds.
 */
public final class EncodeTiming {
    private static final TConfiguration THRIFT = TConfiguration.custom().setMaxMessageSize(Integer.MAX_VALUE).build();
    private static final int BATCH_ROWS = 10_000;

    private EncodeTiming() {}

    public static void main(String[] args) throws TException {
        int answerRows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        List<Column> schema = List.of(Column.of("id", Kind.BIGINT), Column.of("text", Kind.STRING),
                Column.of("real", Kind.DOUBLE));
        FetchBudget budget = new FetchBudget(answerRows, 32L << 20);
        try (BufferAllocator allocator = new RootAllocator()) {
            List<VectorSchemaRoot> roots = new ArrayList<>();
            List<ColumnBatch> batches = new ArrayList<>();
            for (int b = 0; b * BATCH_ROWS < answerRows; b++) {
                VectorSchemaRoot root = batch(allocator, b * (long) BATCH_ROWS);
                roots.add(root);
                batches.add(ColumnBatches.of(root));
            }
            long oldBytes = 0;
            long newBytes = 0;
            for (int round = 0; round < rounds; round++) {
                long started = System.nanoTime();
                RowSetBuilder old = new RowSetBuilder(schema, 0);
                fill(batches, answerRows, (batch, from, count) -> old.addRows(batch, from, count, budget));
                oldBytes = size(old.build(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10));
                long oldNanos = System.nanoTime() - started;

                started = System.nanoTime();
                ArrowRowSet arrow = new ArrowRowSet(schema, 0, budget);
                fill(batches, answerRows, arrow::take);
                newBytes = size(arrow);
                long newNanos = System.nanoTime() - started;
                System.out.printf("round %2d: generated classes %6.1f ns/row, from Arrow %6.1f ns/row (%.1fx)%n",
                        round, (double) oldNanos / answerRows, (double) newNanos / answerRows,
                        (double) oldNanos / newNanos);
            }
            System.out.printf("answer bytes: generated %d, from Arrow %d%n", oldBytes, newBytes);
            roots.forEach(VectorSchemaRoot::close);
        }
    }

    private interface Take {
        int take(ColumnBatch batch, int from, int count);
    }

    private static void fill(List<ColumnBatch> batches, int rows, Take take) {
        int left = rows;
        for (ColumnBatch batch : batches) {
            int from = 0;
            while (left > 0 && from < batch.rowCount()) {
                int taken = take.take(batch, from, Math.min(left, batch.rowCount() - from));
                from += taken;
                left -= taken;
            }
        }
    }

    /** The answer's bytes in a buffer sized ahead, so that only the encoding is timed. */
    private static long size(TBase<?, ?> rows) throws TException {
        TMemoryBuffer out = new TMemoryBuffer(THRIFT, 1 << 20);
        rows.write(new TBinaryProtocol(out));
        return out.length();
    }

    private static VectorSchemaRoot batch(BufferAllocator allocator, long first) {
        BigIntVector ids = new BigIntVector("id", allocator);
        VarCharVector texts = new VarCharVector("text", allocator);
        Float8Vector reals = new Float8Vector("real", allocator);
        ids.allocateNew(BATCH_ROWS);
        texts.allocateNew(BATCH_ROWS);
        reals.allocateNew(BATCH_ROWS);
        for (int row = 0; row < BATCH_ROWS; row++) {
            long id = first + row;
            ids.set(row, id);
            texts.setSafe(row, Long.toString(id).getBytes(StandardCharsets.UTF_8));
            reals.set(row, id * 1.5);
        }
        List<FieldVector> vectors = List.of(ids, texts, reals);
        vectors.forEach(vector -> vector.setValueCount(BATCH_ROWS));
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        root.setRowCount(BATCH_ROWS);
        return root;
    }
}
