package io.lakegate.cluster.runtime.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.connect.proto.ExecutePlanResponse;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.classic.Dataset;
import org.apache.spark.sql.connect.common.DataTypeProtoConverter;
import org.apache.spark.sql.connect.execution.ExecuteResponseObserver;
import org.apache.spark.sql.execution.CollectTailExec;
import org.apache.spark.sql.execution.CommandResultExec;
import org.apache.spark.sql.execution.LocalTableScanExec;
import org.apache.spark.sql.execution.SQLExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.sparkproject.connect.protobuf.UnsafeByteOperations;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * Sends one query's result at the reader's pace: before each Arrow batch it waits until fewer than the backlog of
 * batches it produced are still unsent, and the partitions behind the batches run a window at a time
 * ({@link PartitionJobs}), each spooled by its task once it is large ({@link SpooledPartition}). What the driver holds
 * for a result is so bounded by the settings ({@link PacingSettings}), not by the result's size or the reader's speed.
 */
final class PacedExecution {
    private static final String EXECUTION_NAME = "lakegatePacedArrow";

    private final ExecuteResponseObserver<ExecutePlanResponse> responses;
    private final SentBatches sent;
    private final PacingSettings settings;
    private long produced;
    private long rowOffset;

    PacedExecution(
            ExecuteResponseObserver<ExecutePlanResponse> responses, SentBatches sent, PacingSettings settings) {
        this.responses = responses;
        this.sent = sent;
        this.settings = settings;
    }

    /** Sends the schema, then the rows, of a query that the session has analysed (and so verified). */
    void run(Dataset<Row> frame) {
        responses.onNext(ExecutePlanResponse.newBuilder()
                .setSchema(DataTypeProtoConverter.toConnectProtoType(frame.schema(), false))
                .build());
        ArrowEncoding encoding = ArrowEncoding.of(frame.schema(), frame.sparkSession().sessionState().conf());
        SparkPlan plan = frame.queryExecution().executedPlan();
        SQLExecution.withNewExecutionId(frame.queryExecution(), Option.apply(EXECUTION_NAME), () -> {
            try {
                if (heldByDriver(plan)) {
                    sendAll(encoding.batches(CollectionConverters.asScala(
                            java.util.Arrays.asList(plan.executeCollect()).iterator())));
                } else {
                    sendPartitions(plan, encoding);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unchecked(e);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read back a spooled result partition", e);
            }
            return BoxedUnit.UNIT;
        });
    }

    /**
     * Rows the driver has already (a command's result, a local relation), or a tail, which Spark can only take from
     * the collected rows: sent from the driver as Spark's own path does.
     */
    private static boolean heldByDriver(SparkPlan plan) {
        return plan instanceof LocalTableScanExec || plan instanceof CommandResultExec
                || plan instanceof CollectTailExec;
    }

    private void sendAll(ArrowEncoding.Batches batches) throws InterruptedException {
        while (batches.hasNext()) {
            byte[] batch = batches.next();
            send(batch, batches.rows());
        }
    }

    private void sendPartitions(SparkPlan plan, ArrowEncoding encoding) throws IOException, InterruptedException {
        Path spool = Files.createTempDirectory(settings.spoolRoot(), "lakegate-result-");
        SpoolTask task = new SpoolTask(encoding, settings.partitionInlineBytes(), spool);
        try (PartitionJobs jobs =
                new PartitionJobs(plan.session().sparkContext(), plan.execute(), task, settings)) {
            for (int partition = 0; partition < jobs.partitions(); partition++) {
                jobs.take(partition).drainTo(this::send);
            }
        } finally {
            deleteRecursively(spool);
        }
    }

    private void send(byte[] batch, long rows) throws InterruptedException {
        if (!sent.awaitRoom(produced, settings.backlog())) {
            throw new InterruptedException("The client's call for the result ended");
        }
        responses.onNext(ExecutePlanResponse.newBuilder()
                .setArrowBatch(ExecutePlanResponse.ArrowBatch.newBuilder()
                        .setRowCount(rows)
                        .setData(UnsafeByteOperations.unsafeWrap(batch))
                        .setStartOffset(rowOffset))
                .build());
        produced++;
        rowOffset += rows;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /**
     * Throws a checked throwable (a job's {@code SparkException}, an interrupt) as it is, as Spark's Scala code does,
     * so that Spark Connect reports it to the client with its own error class and SQLSTATE.
     */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException unchecked(Throwable failure) throws E {
        throw (E) failure;
    }
}
