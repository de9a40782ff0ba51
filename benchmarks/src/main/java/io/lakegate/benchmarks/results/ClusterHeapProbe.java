package io.lakegate.benchmarks.results;

import io.lakegate.engine.cluster.LocalClusterLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap of the local cluster below this process, as the JDK's {@code jcmd} reports it: used after a full
 * collection (what the cluster really keeps), or as it stands (garbage included).
 */
final class ClusterHeapProbe {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final Pattern TOTAL = Pattern.compile("total (\\d+)K");

    private final long pid;
    private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");

    private ClusterHeapProbe(long pid) {
        this.pid = pid;
    }

    /** The one cluster process below this one. */
    static ClusterHeapProbe ofOnlyCluster() {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine()
                        .map(line -> line.contains("-D" + LocalClusterLauncher.CLUSTER_ID_PROPERTY + "="))
                        .orElse(false))
                .map(process -> new ClusterHeapProbe(process.pid()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No local cluster runs below this process"));
    }

    boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Heap in use after a full collection, in MiB. */
    long retainedMib() {
        jcmd("GC.run");
        return usedMib();
    }

    /** Heap in use, garbage included, in MiB. */
    long usedMib() {
        return kib(USED, jcmd("GC.heap_info")) / 1024;
    }

    /** The heap's current size, in MiB. */
    long committedMib() {
        return kib(TOTAL, jcmd("GC.heap_info")) / 1024;
    }

    private static long kib(Pattern pattern, String heapInfo) {
        Matcher matcher = pattern.matcher(heapInfo);
        if (!matcher.find()) {
            throw new IllegalStateException("jcmd reported no heap: " + heapInfo);
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
