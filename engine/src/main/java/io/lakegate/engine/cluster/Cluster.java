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

    /** Stops the cluster and releases what the engine holds for it; calling it again does nothing. */
    @Override
    void close();
}
