package io.lakegate.benchmarks.results;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.lakegate.engine.cluster.LocalClusterLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The heap of a JVM below this process (a local cluster, a gateway), read through its platform MXBean over the
 * JDK's attach API: used after a full collection (what the process really keeps), or as it stands (garbage
 * included); and its resident memory. Attaching from this JVM costs the measured machine far less than starting a
 * {@code jcmd} process per reading, which on two cores took a visible share of the workload's CPU.
 */
public final class ClusterHeapProbe {
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final long MIB = 1024 * 1024;

    private final long pid;

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
        return withMemory(memory -> {
            memory.gc();
            return memory.getHeapMemoryUsage().getUsed() / MIB;
        });
    }

    /** Heap in use, garbage included, in MiB. */
    public long usedMib() {
        return withMemory(memory -> memory.getHeapMemoryUsage().getUsed() / MIB);
    }

    /** The heap's current size, in MiB. */
    public long committedMib() {
        return withMemory(memory -> memory.getHeapMemoryUsage().getCommitted() / MIB);
    }

    /** Resident set size as the kernel counts it (heap, off-heap buffers, code, thread stacks), in MiB. */
    public long rssMib() {
        try {
            Matcher matcher = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            if (!matcher.find()) {
                throw new IllegalStateException("No VmRSS for process " + pid);
            }
            return Long.parseLong(matcher.group(1)) / 1024;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Attaches for one reading: the JVM's management agent stays, so later readings connect at once. */
    private long withMemory(Function<MemoryMXBean, Long> reading) {
        try {
            VirtualMachine machine = VirtualMachine.attach(Long.toString(pid));
            String address;
            try {
                address = machine.startLocalManagementAgent();
            } finally {
                machine.detach();
            }
            try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
                return reading.apply(ManagementFactory.newPlatformMXBeanProxy(
                        connector.getMBeanServerConnection(), ManagementFactory.MEMORY_MXBEAN_NAME,
                        MemoryMXBean.class));
            }
        } catch (AttachNotSupportedException e) {
            throw new IllegalStateException("Cannot attach to process " + pid, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
