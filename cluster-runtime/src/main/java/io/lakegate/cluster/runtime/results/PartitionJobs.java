package io.lakegate.cluster.runtime.results;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.util.ThreadUtils;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * Runs a result's partitions a window at a time, in order: a job for the next window of partitions starts once the
 * driver has taken the window before the last, so no more than two windows' task results wait in the driver
 * (Spark's own result path runs one job over every partition and keeps each finished one until it is sent). The jobs
 * start on the execution thread, so they carry its job tags and an interrupt of the operation cancels them.
 */
final class PartitionJobs implements AutoCloseable {
    private final SparkContext context;
    private final RDD<InternalRow> rows;
    private final SpoolTask task;
    private final int window;
    private final int waiting;
    private final SpooledPartition[] finished;
    private final List<SimpleFutureAction<BoxedUnit>> jobs = new ArrayList<>();
    private int submitted;
    private Throwable failure;

    PartitionJobs(SparkContext context, RDD<InternalRow> rows, SpoolTask task, PacingSettings settings) {
        this.context = context;
        this.rows = rows;
        this.task = task;
        this.window = settings.window();
        this.waiting = settings.waitingPartitions();
        this.finished = new SpooledPartition[rows.getNumPartitions()];
    }

    int partitions() {
        return finished.length;
    }

    /** Waits for a partition's task result, taking it from this window: the caller owns it now. */
    SpooledPartition take(int partition) throws InterruptedException {
        while (submitted < finished.length && submitted < partition + waiting) {
            submit(submitted, Math.min(submitted + window, finished.length));
        }
        synchronized (this) {
            while (finished[partition] == null) {
                if (failure != null) {
                    throw PacedExecution.<RuntimeException>unchecked(failure);
                }
                wait();
            }
            SpooledPartition result = finished[partition];
            finished[partition] = null;
            return result;
        }
    }

    private void submit(int from, int to) {
        Seq<Object> partitions = CollectionConverters.asScala(
                IntStream.range(from, to).<Object>mapToObj(Integer::valueOf).toList()).toSeq();
        SimpleFutureAction<BoxedUnit> job = context.submitJob(rows, task, partitions,
                (index, result) -> finish(from + (Integer) index, result), () -> BoxedUnit.UNIT);
        job.onComplete(outcome -> {
            if (outcome.isFailure()) {
                fail(outcome.failed().get());
            }
            return BoxedUnit.UNIT;
        }, ThreadUtils.sameThread());
        jobs.add(job);
        submitted = to;
    }

    private synchronized BoxedUnit finish(int partition, SpooledPartition result) {
        finished[partition] = result;
        notifyAll();
        return BoxedUnit.UNIT;
    }

    private synchronized void fail(Throwable cause) {
        failure = cause;
        notifyAll();
    }

    /** Cancels the jobs still running: the result was abandoned, failed or interrupted. */
    @Override
    public void close() {
        jobs.stream().filter(job -> !job.isCompleted()).forEach(SimpleFutureAction::cancel);
    }
}
