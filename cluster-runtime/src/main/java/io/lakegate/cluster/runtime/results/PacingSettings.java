package io.lakegate.cluster.runtime.results;

import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * How far a paced result may run ahead of its reader: the cluster's own Spark settings, read when a result starts.
 *
 * @param backlog Arrow batches produced and not yet sent, at the most
 * @param inlineBytes the batches that task results hand back in memory and the driver holds for one result, at the
 *     most: each of the partitions that may wait ({@link #waitingPartitions()}) gets its share, and a larger partition
 *     is spooled to a file by its task
 * @param window partitions computed at once: the cluster's parallelism
 * @param spoolRoot where spooled partitions go: the first of Spark's local directories, where the tasks of a local
 *     cluster, which run in the driver's process, can write and the driver can read
 */
record PacingSettings(int backlog, long inlineBytes, int window, Path spoolRoot) {
    /** The Spark setting of {@link #backlog()}. */
    public static final String BACKLOG = "spark.lakegate.results.backlog";
    /** The Spark setting of {@link #inlineBytes()}. */
    public static final String INLINE_BYTES = "spark.lakegate.results.inlineBytes";
    private static final int DEFAULT_BACKLOG = 8;
    private static final String DEFAULT_INLINE_BYTES = "32m";

    /** Partitions whose task results may wait in the driver at once: the window being sent and the next. */
    int waitingPartitions() {
        return 2 * window;
    }

    /** A partition's share of {@link #inlineBytes()}. */
    long partitionInlineBytes() {
        return inlineBytes / waitingPartitions();
    }

    static PacingSettings of(SparkContext context) {
        SparkConf conf = context.getConf();
        String localDirs = conf.get("spark.local.dir", System.getProperty("java.io.tmpdir"));
        return new PacingSettings(
                Math.max(1, conf.getInt(BACKLOG, DEFAULT_BACKLOG)),
                conf.getSizeAsBytes(INLINE_BYTES, DEFAULT_INLINE_BYTES),
                Math.max(1, context.defaultParallelism()),
                Path.of(localDirs.split(",")[0].strip()));
    }
}
