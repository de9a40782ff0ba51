package io.lakegate.server;

import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector for this module's tests, installed by the build ({@code io.netty.customResourceLeakDetector}):
 * it reports each leak as Netty's own does and also keeps it, so that a test can fail on a leak whatever the logging
 * configuration, instead of a leak being a line in a log nobody reads.
 */
public final class LeakRecorder<T> extends ResourceLeakDetector<T> {
    private static final int KEPT = 10;
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    private static volatile boolean installed;

    public LeakRecorder(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
        installed = true;
    }

    /** The constructor Netty looks for first; without it, it logs an error before it takes the other. */
    public LeakRecorder(Class<?> resourceType, int samplingInterval, long maxActive) {
        this(resourceType, samplingInterval);
    }

    /**
     * Whether Netty took this detector, which it does when it first allocates a buffer: without it, no leak would be
     * kept and a test would prove nothing.
     */
    static boolean installed() {
        return installed;
    }

    /** The leaks reported since the JVM started, at most the first few. */
    static List<String> leaks() {
        return List.copyOf(LEAKS);
    }

    /** Reported even when the log would drop it. */
    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        keep(resourceType + " leaked:" + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        keep(resourceType + " leaked (no records: the leak detector is not at the advanced or paranoid level)");
        super.reportUntracedLeak(resourceType);
    }

    private static void keep(String leak) {
        if (LEAKS.size() < KEPT) {
            LEAKS.add(leak);
        }
    }
}
