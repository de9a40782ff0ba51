package io.lakegate.cluster.runtime.results;

import java.io.Serializable;
import java.nio.file.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.catalyst.InternalRow;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/** What each task of a paced result runs: its partition's rows to Arrow batches, kept or spooled. */
final class SpoolTask extends AbstractFunction1<Iterator<InternalRow>, SpooledPartition> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ArrowEncoding encoding;
    private final long inlineBytes;
    private final String directory;

    SpoolTask(ArrowEncoding encoding, long inlineBytes, Path directory) {
        this.encoding = encoding;
        this.inlineBytes = inlineBytes;
        this.directory = directory.toString();
    }

    @Override
    public SpooledPartition apply(Iterator<InternalRow> rows) {
        TaskContext task = TaskContext.get();
        // Per attempt: a retried task never writes into the file of an attempt that may still be running.
        Path file = Path.of(directory, task.partitionId() + "-" + task.taskAttemptId() + ".arrows");
        return SpooledPartition.of(encoding.batches(rows), inlineBytes, file);
    }
}
