package io.lakegate.benchmarks.results;

import io.lakegate.engine.cluster.LocalClusterLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap of a JVM below this process (a local cluster, a gateway), as the JDK's {@code jcmd} reports it: used after
 * a full collection (what the process really keeps), or as it stands (garbage included); and its resident memory.
 */
public final class ClusterHeapProbe {
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final Pattern TOTAL = Pattern.compile("total (\\d+)K");

    private final long pid;
    private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");

    private ClusterHeapProbe(long pid) {
        this.pid = pid;
    }

    /** Any JVM of this user, by its process id. */
    public static ClusterHeapProbe of(long pid) {
        return new ClusterHeapProbe(pid);
    }

    /** The one cluster process below this one. */
    public static ClusterHeapProbe ofOnlyCluster() {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine()
                        .map(line -> line.contains("-D" + LocalClusterLauncher.CLUSTER_ID_PROPERTY + "="))
                        .orElse(false))
                .map(process -> new ClusterHeapProbe(process.pid()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No local cluster runs below this process"));
    }

    public boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Heap in use after a full collection, in MiB. */
    public long retainedMib() {
        jcmd("GC.run");
        return usedMib();
    }

    /** Heap in use, garbage included, in MiB. */
    public long usedMib() {
        return kib(USED, jcmd("GC.heap_info")) / 1024;
    }

    /** The heap's current size, in MiB. */
    public long committedMib() {
        return kib(TOTAL, jcmd("GC.heap_info")) / 1024;
    }

    /** Resident set size as the kernel counts it (heap, off-heap buffers, code, thread stacks), in MiB. */
    public long rssMib() {
        try {
            return kib(RSS, Files.readString(Path.of("/proc", Long.toString(pid), "status"))) / 1024;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long kib(Pattern pattern, String heapInfo) {
        Matcher matcher = pattern.matcher(heapInfo);
        if (!matcher.find()) {
            throw new IllegalStateException("No " + pattern + " in: " + heapInfo);
        }
        return Long.parseLong(matcher.group(1));
    }

    private String jcmd(String command) {
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
