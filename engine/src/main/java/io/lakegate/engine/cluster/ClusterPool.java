package io.lakegate.engine.cluster;

import static java.util.Objects.requireNonNull;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clusters an engine runs statements on. For now every session shares one cluster, started when the first
 * statement needs it and replaced by a new one when it stops.
 *
 * <p>No lock is held while a cluster starts, which takes seconds to minutes: the thread that finds no cluster reserves
 * the start under the lock, launches outside it and publishes the cluster under it again. Callers that need the
 * cluster meanwhile wait for that one start (interruptibly) instead of for the lock, and {@link #close()} never waits.
 */
public final class ClusterPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterPool.class);

    private final ClusterLauncher launcher;
    private final String idPrefix;
    private final Consumer<Cluster> preparation;
    private final AtomicInteger launched = new AtomicInteger();
    private Cluster current;
    /** The start under way, if any: every caller that needs a cluster meanwhile waits for this one. */
    private CompletableFuture<Cluster> starting;
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
    public Cluster acquire() {
        CompletableFuture<Cluster> start;
        boolean startsHere = false;
        Cluster stopped = null;
        synchronized (this) {
            if (closed) {
                throw engineClosed();
            }
            if (current != null && current.isAlive()) {
                return current;
            }
            if (current != null) {
                LOG.warn("Cluster {} has stopped; starting a new one", current.id());
                stopped = current;
                current = null;
            }
            if (starting == null) {
                starting = new CompletableFuture<>();
                startsHere = true;
            }
            start = starting;
        }
        if (stopped != null) {
            // Closing waits for the process to exit: outside the lock, like the start.
            stopped.close();
        }
        if (startsHere) {
            start(start);
        }
        return await(start);
    }

    /** Stops every cluster; later calls to {@link #acquire()} fail, and a start under way stops its cluster. */
    @Override
    public void close() {
        Cluster toClose;
        synchronized (this) {
            closed = true;
            toClose = current;
            current = null;
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    private void start(CompletableFuture<Cluster> start) {
        Cluster cluster = null;
        try {
            cluster = launcher.launch(idPrefix + "-" + launched.incrementAndGet());
            preparation.accept(cluster);
        } catch (RuntimeException | Error e) {
            if (cluster != null) {
                cluster.close();
            }
            finish(start, null);
            start.completeExceptionally(e);
            return;
        }
        if (finish(start, cluster)) {
            start.complete(cluster);
        } else {
            cluster.close();
            start.completeExceptionally(engineClosed());
        }
    }

    /** Frees the reservation and publishes the cluster, unless the pool closed meanwhile; true if published. */
    private synchronized boolean finish(CompletableFuture<Cluster> start, Cluster cluster) {
        if (starting == start) {
            starting = null;
        }
        if (cluster == null || closed) {
            return false;
        }
        current = cluster;
        return true;
    }

    private static Cluster await(CompletableFuture<Cluster> start) {
        try {
            return start.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakegateException(SqlStates.CONNECTION_NOT_ESTABLISHED,
                    "Interrupted while waiting for a Spark cluster to start", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new LakegateException(SqlStates.CONNECTION_NOT_ESTABLISHED,
                            "Cannot start a Spark cluster: " + e.getCause(), e.getCause());
        }
    }

    private static LakegateException engineClosed() {
        return new LakegateException(SqlStates.INVALID_STATE, "The engine is closed");
    }
}
