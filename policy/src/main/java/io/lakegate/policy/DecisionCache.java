package io.lakegate.policy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Decisions of one policy version, bounded: a new version starts an empty map, and a full map is emptied (decisions
 * are cheap to make again, and a bound without bookkeeping keeps the hit path to one map lookup).
 */
final class DecisionCache {
    private final int maxSize;
    private volatile Generation current = new Generation(Long.MIN_VALUE, new ConcurrentHashMap<>());

    private record Generation(long version, ConcurrentHashMap<Object, Object> entries) {}

    DecisionCache(int maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize: " + maxSize + " (expected: zero or more)");
        }
        this.maxSize = maxSize;
    }

    /**
     * The cached value for the key under this policy version, or the computed one. The caller reads the version before
     * it evaluates, so a value computed under newer policies can at worst be stored under the older version.
     */
    @SuppressWarnings("unchecked")
    <T> T get(long version, Object key, Supplier<T> compute) {
        if (maxSize == 0) {
            return compute.get();
        }
        Generation generation = current;
        if (generation.version() != version) {
            generation = new Generation(version, new ConcurrentHashMap<>());
            current = generation;
        }
        Object cached = generation.entries().get(key);
        if (cached != null) {
            return (T) cached;
        }
        T value = compute.get();
        if (generation.entries().size() >= maxSize) {
            generation.entries().clear();
        }
        generation.entries().put(key, value);
        return value;
    }

    int size() {
        return current.entries().size();
    }
}
