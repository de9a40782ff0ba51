package io.lakegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A result far larger than what the engine may hold flows through it batch by batch. */
@ExtendWith(SharedEngine.class)
class ResultStreamingIT {
    private static final long ROWS = 1_000_000;
    private static final int PADDING = 100;
    private static final long MEMORY_LIMIT_BYTES = 32L * 1024 * 1024;
    private static final long SAMPLE_EVERY_ROWS = 100_000;

    @Test
    void millionRowsStreamWhileRetainedMemoryStaysSmall(Engine engine) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = retainedHeap(memory);
        long rows = 0;
        long idSum = 0;
        long stringBytes = 0;
        long maxRetainedHeapGrowth = 0;
        long maxArrowBytes = 0;
        long nextSample = SAMPLE_EVERY_ROWS;
        try (Session session = engine.openSession(SessionSpec.forUser("streamer"));
                StatementResult result = session.execute("SELECT id, concat('row-', id, repeat('x', " + PADDING
                        + ")) AS label, id * 0.5D AS half FROM range(" + ROWS + ")")) {
            while (result.hasNext()) {
                ColumnBatch batch = result.next();
                BigIntVector ids = (BigIntVector) batch.column(0);
                VarCharVector labels = (VarCharVector) batch.column(1);
                Float8Vector halves = (Float8Vector) batch.column(2);
                for (int row = 0; row < batch.rowCount(); row++) {
                    long id = ids.get(row);
                    idSum += id;
                    stringBytes += labels.get(row).length;
                    assertThat(halves.get(row)).isEqualTo(id * 0.5);
                }
                rows += batch.rowCount();
                maxArrowBytes = Math.max(maxArrowBytes, result.allocatedBytes());
                if (rows >= nextSample) {
                    nextSample += SAMPLE_EVERY_ROWS;
                    maxRetainedHeapGrowth = Math.max(maxRetainedHeapGrowth, retainedHeap(memory) - heapBefore);
                }
            }
        }
        assertThat(rows).isEqualTo(ROWS);
        assertThat(idSum).isEqualTo(ROWS * (ROWS - 1) / 2);
        assertThat(stringBytes).as("bytes of the label column").isGreaterThan(ROWS * PADDING);
        assertThat(maxRetainedHeapGrowth).as("heap retained while streaming").isLessThan(MEMORY_LIMIT_BYTES);
        assertThat(maxArrowBytes).as("Arrow memory held at once").isLessThan(MEMORY_LIMIT_BYTES);
    }

    /** Heap in use after a full collection: what the engine really keeps, not garbage waiting to be collected. */
    private static long retainedHeap(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
