package io.lakegate.engine;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A run of result rows held column by column in Arrow vectors, as the cluster sent them. A batch is only valid until
 * the result moves to the next one or is closed: copy what must outlive it.
 */
public final class ColumnBatch {
    private final VectorSchemaRoot vectors;

    ColumnBatch(VectorSchemaRoot vectors) {
        this.vectors = vectors;
    }

    public int rowCount() {
        return vectors.getRowCount();
    }

    /** The values of one column, by its position in the result (from 0). */
    public FieldVector column(int index) {
        return vectors.getVector(index);
    }

    /** All columns of the batch. */
    public VectorSchemaRoot vectors() {
        return vectors;
    }
}
