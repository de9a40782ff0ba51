package io.lakegate.engine.cluster;

import io.lakegate.engine.connect.ConnectTimeouts;
import io.lakegate.engine.connect.SparkConnectClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A cluster for the pool's tests: a Spark Connect client to where the test says, and what the pool did to it. */
final class FakeCluster implements Cluster {
    /** Limits under which the pool checks a cluster once an hour: never, in a test. */
    private static final ConnectTimeouts UNCHECKED =
            new ConnectTimeouts(Duration.ofMinutes(2), Duration.ofMinutes(30), Duration.ofMinutes(5), Duration.ofHours(1));

    private final String id;
    private final SparkConnectClient client;
    final AtomicBoolean alive = new AtomicBoolean(true);
    volatile boolean closed;
    volatile String abandonedBecause;

    /** A cluster the pool never talks to: its client's channel would connect only at a first call. */
    FakeCluster(String id) {
        this(id, 1, UNCHECKED);
    }

    FakeCluster(String id, int port, ConnectTimeouts timeouts) {
        this.id = id;
        this.client = new SparkConnectClient("127.0.0.1", port, "token", timeouts, Optional::empty);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public SparkConnectClient client() {
        return client;
    }

    @Override
    public boolean isAlive() {
        return alive.get() && !closed && abandonedBecause == null;
    }

    @Override
    public void abandon(String reason) {
        abandonedBecause = reason;
        client.close();
    }

    @Override
    public void close() {
        closed = true;
        client.close();
    }
}
