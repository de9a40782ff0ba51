package io.lakegate.engine.cluster;

import static java.util.Objects.requireNonNull;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.connect.ConnectTimeouts;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>A cluster can hang without dying (a stopped process, a JVM that does nothing but collect garbage): its port
 * still takes connections, so only an answer proves it works. A thread of the pool's own asks the current cluster for
 * its Spark version every keepalive timeout ({@link ConnectTimeouts#keepAliveTimeout()}), with that timeout as the
 * deadline; a cluster that misses it is abandoned ({@link Cluster#abandon}), so that its sessions move and the next
 * statement starts a new one. No caller ever waits for a check.
 */
public final class ClusterPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterPool.class);
    /** What a health check fails with when the cluster does not answer: a deadline, or a connection that broke. */
    private static final Set<String> SILENT = Set.of(SqlStates.TIMEOUT_EXPIRED, SqlStates.CONNECTION_FAILURE);

    private final ClusterLauncher launcher;
    private final String idPrefix;
    private final Consumer<Cluster> preparation;
    private final AtomicInteger launched = new AtomicInteger();
    private final ScheduledExecutorService health = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "lakegate-cluster-health");
        thread.setDaemon(true);
        return thread;
    });
    private Cluster current;
    /** The periodic check of {@link #current}, cancelled when it leaves. */
    private ScheduledFuture<?> check;
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
                stopped = retire();
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
            toClose = retire();
        }
        health.shutdownNow();
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

    /**
     * Frees the reservation and publishes the cluster, with its health checks, unless the pool closed meanwhile; true
     * if published.
     */
    private synchronized boolean finish(CompletableFuture<Cluster> start, Cluster cluster) {
        if (starting == start) {
            starting = null;
        }
        if (cluster == null || closed) {
            return false;
        }
        long every = cluster.client().timeouts().keepAliveTimeout().toNanos();
        try {
            check = health.scheduleWithFixedDelay(() -> check(cluster), every, every, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return false;
        }
        current = cluster;
        return true;
    }

    /** Takes the current cluster out of service, under the lock; the caller stops it outside. */
    private Cluster retire() {
        Cluster retired = current;
        current = null;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
        return retired;
    }

    private void check(Cluster cluster) {
        try {
            Duration deadline = cluster.client().timeouts().keepAliveTimeout();
            if (!cluster.isAlive() || answers(cluster, deadline) || !cluster.isAlive()) {
                // A cluster that died, before or during the check, is replaced by the next acquire(), which finds it
                // dead.
                return;
            }
            synchronized (this) {
                if (current != cluster) {
                    return;
                }
                retire();
            }
            String reason = "it did not answer a health check within " + ConnectTimeouts.describe(deadline)
                    + " (lakegate.cluster.keepalive-timeout)";
            LOG.warn("Cluster {} runs but does not answer: {}. Stopping it; the next statement starts a new one",
                    cluster.id(), reason);
            cluster.abandon(reason);
        } catch (RuntimeException e) {
            // A failure must not end the periodic check, or a hang would go unnoticed from then on.
            LOG.warn("Checking cluster {} failed", cluster.id(), e);
        }
    }

    /** Only silence or a broken connection counts against a cluster: any answer, a refusal too, shows it works. */
    private static boolean answers(Cluster cluster, Duration deadline) {
        try {
            cluster.client().sparkVersion(deadline);
            return true;
        } catch (LakegateException e) {
            if (!SILENT.contains(e.sqlState())) {
                return true;
            }
            LOG.info("Cluster {} failed its health check: {}", cluster.id(), e.getMessage());
            return false;
        }
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
