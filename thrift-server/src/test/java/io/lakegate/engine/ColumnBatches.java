package io.lakegate.engine;

import org.apache.arrow.vector.VectorSchemaRoot;

/** Batches built by the server's tests, as a result would hand them over. */
public final class ColumnBatches {
    private ColumnBatches() {}

    public static ColumnBatch of(VectorSchemaRoot vectors) {
        return new ColumnBatch(vectors);
    }
}
