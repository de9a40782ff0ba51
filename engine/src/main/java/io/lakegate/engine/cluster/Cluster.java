package io.lakegate.engine.cluster;

import io.lakegate.engine.connect.SparkConnectClient;

/** A running Spark Connect server that statements can be sent to. */
public interface Cluster extends AutoCloseable {
    /** A name for logs and messages, unique within the engine: {@code local-1}. */
    String id();

    /** The connection that the engine's sessions on this cluster share. */
    SparkConnectClient client();

    /** False once the cluster has stopped, for whatever reason; a stopped cluster never comes back. */
    boolean isAlive();

    /**
     * Stops a cluster that runs but no longer answers, at once: one that does not answer would not stop in order
     * either, and what runs on it fails sooner. Its statements fail with the reason; calling it again, or
     * {@link #close()}, does nothing more.
     *
     * @param reason why, for the users whose statements it stops: {@code it did not answer ...}
     */
    void abandon(String reason);

    /** Stops the cluster and releases what the engine holds for it; calling it again does nothing. */
    @Override
    void close();
}
