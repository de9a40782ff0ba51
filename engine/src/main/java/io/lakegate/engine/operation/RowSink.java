package io.lakegate.engine.operation;

import io.lakegate.engine.ColumnBatch;

/** Where a fetch puts the rows it reads: a protocol's answer, which decides when it is full. */
public interface RowSink {
    /** The answer has as many rows or bytes as it may take; the fetch stops before it reads another batch. */
    boolean isFull();

    /** Takes rows {@code offset} to {@code offset + count - 1} of the batch, or fewer once full; returns how many. */
    int take(ColumnBatch batch, int offset, int count);
}
