package io.lakegate.engine;

/**
 * What an engine holds for results, for the server's fault tests: each statement that reached a cluster has an Arrow
 * allocator of its own below the engine's, until its result is closed or it fails.
 */
public final class EngineMemory {
    private EngineMemory() {}

    /** Statements whose results are open, or that are starting on a cluster. */
    public static int openResults(Engine engine) {
        return engine.allocator().getChildAllocators().size();
    }

    /** Bytes of result batches the engine holds now. */
    public static long allocatedBytes(Engine engine) {
        return engine.allocator().getAllocatedMemory();
    }
}
