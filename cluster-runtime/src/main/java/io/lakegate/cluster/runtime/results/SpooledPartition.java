package io.lakegate.cluster.runtime.results;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Arrow batches of one partition of a result, as its task hands them to the driver: in the task result while they
 * are small, in a file of the task's once they are not. The driver's memory then holds at most a small partition per
 * task it waits for, however large a partition is: a task result is held whole until it is sent, and one partition of
 * {@code range(100000000)} on two cores is hundreds of megabytes.
 *
 * <p>The file is a sequence of batches, each its length, its bytes and its row count.
 */
final class SpooledPartition implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<byte[]> batches;
    private final List<Long> rowCounts;
    private final String file;
    private final long spooledBatches;

    private SpooledPartition(List<byte[]> batches, List<Long> rowCounts, String file, long spooledBatches) {
        this.batches = batches;
        this.rowCounts = rowCounts;
        this.file = file;
        this.spooledBatches = spooledBatches;
    }

    /**
     * Encodes a partition's batches in the task: kept while they add up to no more than {@code inlineBytes}, written to
     * a new file {@code spoolFile} from the first batch that goes over, together with those kept so far.
     */
    static SpooledPartition of(ArrowEncoding.Batches source, long inlineBytes, Path spoolFile) {
        List<byte[]> batches = new ArrayList<>();
        List<Long> rowCounts = new ArrayList<>();
        long bytes = 0;
        while (source.hasNext()) {
            byte[] batch = source.next();
            batches.add(batch);
            rowCounts.add(source.rows());
            bytes += batch.length;
            if (bytes > inlineBytes) {
                return spool(batches, rowCounts, source, spoolFile);
            }
        }
        return new SpooledPartition(batches, rowCounts, null, 0);
    }

    private static SpooledPartition spool(
            List<byte[]> kept, List<Long> keptRows, ArrowEncoding.Batches rest, Path spoolFile) {
        long written = 0;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spoolFile)))) {
            for (int i = 0; i < kept.size(); i++) {
                write(out, kept.get(i), keptRows.get(i));
                written++;
            }
            kept.clear();
            while (rest.hasNext()) {
                byte[] batch = rest.next();
                write(out, batch, rest.rows());
                written++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot spool a result partition to " + spoolFile, e);
        }
        return new SpooledPartition(List.of(), List.of(), spoolFile.toString(), written);
    }

    private static void write(DataOutputStream out, byte[] batch, long rows) throws IOException {
        out.writeInt(batch.length);
        out.write(batch);
        out.writeLong(rows);
    }

    /** Hands each batch to {@code sink} in order, reading a spooled partition one batch at a time, then deletes it. */
    void drainTo(BatchSink sink) throws IOException, InterruptedException {
        if (file == null) {
            for (int i = 0; i < batches.size(); i++) {
                byte[] batch = batches.set(i, null);
                sink.accept(batch, rowCounts.get(i));
            }
            return;
        }
        Path path = Path.of(file);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path)))) {
            for (long i = 0; i < spooledBatches; i++) {
                byte[] batch = new byte[in.readInt()];
                in.readFully(batch);
                sink.accept(batch, in.readLong());
            }
        } finally {
            Files.deleteIfExists(path);
        }
    }

    /** Where the driver sends a result's batches. */
    interface BatchSink {
        void accept(byte[] batch, long rows) throws InterruptedException;
    }
}
