package io.lakegate.cluster.runtime.results;

import java.io.Serializable;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.arrow.ArrowConverters;
import org.apache.spark.sql.execution.arrow.ArrowConverters$;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;
import scala.collection.Iterator;

/**
 * How rows become Arrow batches, with the settings Spark Connect's own result path uses, so that paced results look
 * to the client exactly like Spark's: each batch a whole Arrow IPC stream of its schema and one record batch.
 */
record ArrowEncoding(StructType schema, int maxRecordsPerBatch, long maxBatchBytes, String timeZoneId,
        boolean largeVarTypes) implements Serializable {
    private static final String MAX_BATCH_SIZE = "spark.connect.grpc.arrow.maxBatchSize";
    private static final String DEFAULT_MAX_BATCH_SIZE = "4m";
    /** Spark's own margin: the size of a batch is estimated while it is built, not known. */
    private static final double BATCH_SIZE_MARGIN = 0.7;

    static ArrowEncoding of(StructType schema, SQLConf conf) {
        long maxBatchBytes = (long) (SparkEnv.get().conf().getSizeAsBytes(MAX_BATCH_SIZE, DEFAULT_MAX_BATCH_SIZE)
                * BATCH_SIZE_MARGIN);
        return new ArrowEncoding(schema, conf.arrowMaxRecordsPerBatch(), maxBatchBytes, conf.sessionLocalTimeZone(),
                conf.arrowUseLargeVarTypes());
    }

    /** The batches of some rows, made one at a time as they are asked for; see {@link Batches#rows()}. */
    Batches batches(Iterator<InternalRow> rows) {
        return new Batches(ArrowConverters$.MODULE$.toBatchWithSchemaIterator(
                rows, schema, maxRecordsPerBatch, maxBatchBytes, timeZoneId, false, largeVarTypes));
    }

    /** The batches of some rows, each with its row count. */
    record Batches(ArrowConverters.ArrowBatchWithSchemaIterator iterator) {
        boolean hasNext() {
            return iterator.hasNext();
        }

        byte[] next() {
            return iterator.next();
        }

        /** The rows of the batch {@link #next()} returned last. */
        long rows() {
            return iterator.rowCountInLastBatch();
        }
    }
}
