package io.lakegate.server.cli;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many of each Thrift call this server answered and how long they took in all, since it started: where a small
 * statement's time goes, call by call, and how many round trips a client needs for it.
 */
public final class CallTimings {
    private static final Logger LOG = LoggerFactory.getLogger(CallTimings.class);
    private static final Map<String, Counter> CALLS = new ConcurrentHashMap<>();

    /** One call's totals. */
    public record Totals(long count, long nanos) {}

    private record Counter(LongAdder count, LongAdder nanos) {}

    private CallTimings() {}

    static void record(String call, long nanos) {
        Counter counter = CALLS.computeIfAbsent(call, name -> new Counter(new LongAdder(), new LongAdder()));
        counter.count().increment();
        counter.nanos().add(nanos);
        LOG.debug("{} answered in {} µs", call, nanos / 1_000);
    }

    /** The totals of every call answered so far, by call name. */
    public static Map<String, Totals> snapshot() {
        Map<String, Totals> totals = new TreeMap<>();
        CALLS.forEach((call, counter) -> totals.put(call, new Totals(counter.count().sum(), counter.nanos().sum())));
        return totals;
    }
}
