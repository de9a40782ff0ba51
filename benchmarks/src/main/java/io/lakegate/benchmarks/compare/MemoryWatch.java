package io.lakegate.benchmarks.compare;

import io.lakegate.benchmarks.results.ClusterHeapProbe;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples, while a workload runs, the memory of the processes that serve it: the gateway's heap after a full
 * collection and its resident size, and the cluster driver's heap after a full collection; keeps the highest of each.
 * A server that has no separate gateway or cluster (Spark's Thrift server is both) has only the one probe.
 */
final class MemoryWatch {
    private static final long EVERY_MILLIS = 5_000;

    private final Optional<ClusterHeapProbe> gateway;
    private final Optional<ClusterHeapProbe> cluster;

    MemoryWatch(Optional<ClusterHeapProbe> gateway, Optional<ClusterHeapProbe> cluster) {
        this.gateway = gateway;
        this.cluster = cluster;
    }

    static MemoryWatch none() {
        return new MemoryWatch(Optional.empty(), Optional.empty());
    }

    /** Starts sampling; {@link Run#finish()} takes one last sample and hands over the peaks. */
    Run start() {
        return new Run();
    }

    final class Run implements AutoCloseable {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "memory-watch");
            thread.setDaemon(true);
            return thread;
        });
        private long gatewayHeap = -1;
        private long gatewayRss = -1;
        private long clusterHeap = -1;

        private Run() {
            timer.scheduleAtFixedRate(this::sample, EVERY_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
        }

        private synchronized void sample() {
            try {
                gateway.filter(ClusterHeapProbe::isAlive).ifPresent(probe -> {
                    gatewayHeap = Math.max(gatewayHeap, probe.retainedMib());
                    gatewayRss = Math.max(gatewayRss, probe.rssMib());
                });
                cluster.filter(ClusterHeapProbe::isAlive)
                        .ifPresent(probe -> clusterHeap = Math.max(clusterHeap, probe.retainedMib()));
            } catch (RuntimeException e) {
                // A process that ends between the check and the sample has no memory left to report.
            }
        }

        /** Stops sampling, samples once more, and hands over the peaks, in MiB, of what could be measured. */
        synchronized Map<String, Object> finish() {
            timer.shutdownNow();
            sample();
            Map<String, Object> peaks = new LinkedHashMap<>();
            if (gatewayHeap >= 0) {
                peaks.put("gatewayHeapAfterGcMib", gatewayHeap);
                peaks.put("gatewayRssMib", gatewayRss);
            }
            if (clusterHeap >= 0) {
                peaks.put("clusterHeapAfterGcMib", clusterHeap);
            }
            return peaks;
        }

        /** Stops sampling, for a workload that failed before it could {@link #finish()}. */
        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}
