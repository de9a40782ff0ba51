package io.lakegate.engine;

import com.sun.tools.attach.VirtualMachine;
import io.lakegate.engine.cluster.LocalClusterLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The heap a local cluster's JVM keeps, read over JMX from that JVM itself: the engine's test JVM attaches to its
 * child (same user, loopback only) and starts the child's local management agent.
 */
final class ClusterHeap implements AutoCloseable {
    private final JMXConnector connector;
    private final MemoryMXBean memory;
    private final long pid;

    private ClusterHeap(JMXConnector connector, MemoryMXBean memory, long pid) {
        this.connector = connector;
        this.memory = memory;
        this.pid = pid;
    }

    /** The one cluster whose log is in {@code clusters} (an engine's work directory's), found by its id. */
    static ClusterHeap ofClusterIn(Path clusters) throws Exception {
        String clusterId = onlyClusterId(clusters);
        ProcessHandle cluster = LocalClusters.below(ProcessHandle.current()).stream()
                .filter(process -> process.info().commandLine()
                        .map(line -> line.contains("-D" + LocalClusterLauncher.CLUSTER_ID_PROPERTY + "=" + clusterId
                                + " "))
                        .orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No process of cluster " + clusterId));
        VirtualMachine machine = VirtualMachine.attach(Long.toString(cluster.pid()));
        String address;
        try {
            address = machine.startLocalManagementAgent();
        } finally {
            machine.detach();
        }
        JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(
                connector.getMBeanServerConnection(), ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        return new ClusterHeap(connector, memory, cluster.pid());
    }

    private static String onlyClusterId(Path clusters) throws IOException {
        try (Stream<Path> logs = Files.list(clusters)) {
            List<String> ids = logs.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".log"))
                    .map(name -> name.substring(0, name.length() - ".log".length()))
                    .toList();
            if (ids.size() != 1) {
                throw new IllegalStateException("Expected the log of one cluster in " + clusters + ": " + ids);
            }
            return ids.get(0);
        }
    }

    /** Heap in use after a full collection in the cluster: what it really keeps, not garbage yet to be collected. */
    long retainedBytes() {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The cluster JVM's maximum heap (its -Xmx). */
    long maxBytes() {
        return memory.getHeapMemoryUsage().getMax();
    }

    boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
