package io.lakegate.engine.cluster;

import static java.util.Objects.requireNonNull;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clusters an engine runs statements on. For now every session shares one cluster, started when the first
 * statement needs it and replaced by a new one when it stops.
 */
public final class ClusterPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterPool.class);

    private final ClusterLauncher launcher;
    private final String idPrefix;
    private final Consumer<Cluster> preparation;
    private final AtomicInteger launched = new AtomicInteger();
    private Cluster current;
    private boolean closed;

    /**
     * @param preparation runs on each new cluster before any session uses it (creating the default database, say);
     *     a cluster it fails on is stopped and the failure reported
     */
    public ClusterPool(ClusterLauncher launcher, String idPrefix, Consumer<Cluster> preparation) {
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.idPrefix = requireNonNull(idPrefix, "idPrefix is null");
        this.preparation = requireNonNull(preparation, "preparation is null");
    }

    /** A live cluster, started now if there is none. */
    public synchronized Cluster acquire() {
        if (closed) {
            throw new LakegateException(SqlStates.INVALID_STATE, "The engine is closed");
        }
        if (current != null && !current.isAlive()) {
            LOG.warn("Cluster {} has stopped; starting a new one", current.id());
            current.close();
            current = null;
        }
        if (current == null) {
            Cluster cluster = launcher.launch(idPrefix + "-" + launched.incrementAndGet());
            try {
                preparation.accept(cluster);
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
            current = cluster;
        }
        return current;
    }

    /** Stops every cluster; later calls to {@link #acquire()} fail. */
    @Override
    public synchronized void close() {
        closed = true;
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
