package io.lakegate.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool's lock is never held while a cluster starts: a slow start holds back only those who need its cluster. */
class ClusterPoolTest {
    private static final long WAIT_SECONDS = 10;

    private final GatedLauncher launcher = new GatedLauncher();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        launcher.openGate();
        threads.shutdownNow();
    }

    @Test
    void closeDoesNotWaitForAStartAndTheStartedClusterIsStopped() throws Exception {
        ClusterPool pool = new ClusterPool(launcher, "test", cluster -> {});
        Future<Cluster> acquire = threads.submit(pool::acquire);
        launcher.awaitLaunching(1);

        CompletableFuture<Void> close = CompletableFuture.runAsync(pool::close, threads);
        close.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(acquire).isNotDone();

        launcher.openGate();
        assertThatThrownBy(() -> acquire.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(LakegateException.class)
                .hasMessage("The engine is closed");
        assertThat(launcher.clusters()).singleElement().satisfies(cluster -> assertThat(cluster.closed).isTrue());
    }

    @Test
    void callersThatNeedAClusterShareOneStart() throws Exception {
        ClusterPool pool = new ClusterPool(launcher, "test", cluster -> {});
        Future<Cluster> first = threads.submit(pool::acquire);
        launcher.awaitLaunching(1);
        Future<Cluster> second = threads.submit(pool::acquire);

        launcher.openGate();
        assertThat(second.get(WAIT_SECONDS, TimeUnit.SECONDS)).isSameAs(first.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertThat(launcher.clusters()).hasSize(1);
        assertThat(pool.acquire()).isSameAs(first.get());
    }

    @Test
    void aStoppedClusterIsReplacedWhileTheLockStaysFree() throws Exception {
        ClusterPool pool = new ClusterPool(launcher, "test", cluster -> {});
        launcher.openGate();
        FakeCluster firstCluster = (FakeCluster) pool.acquire();
        launcher.closeGate();
        firstCluster.alive.set(false);

        Future<Cluster> replacement = threads.submit(pool::acquire);
        launcher.awaitLaunching(2);
        // A caller stuck behind the start would make close() wait too: it returns at once.
        CompletableFuture.runAsync(pool::close, threads).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(firstCluster.closed).isTrue();

        launcher.openGate();
        assertThatThrownBy(() -> replacement.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .cause()
                .hasMessage("The engine is closed");
        assertThat(launcher.clusters()).allSatisfy(cluster -> assertThat(cluster.closed).isTrue());
    }

    @Test
    void aFailedStartFreesItsPlaceForTheNextCaller() {
        launcher.openGate();
        AtomicBoolean failPreparation = new AtomicBoolean(true);
        ClusterPool pool = new ClusterPool(launcher, "test", cluster -> {
            if (failPreparation.get()) {
                throw new LakegateException(SqlStates.CONNECTION_NOT_ESTABLISHED, "cannot prepare " + cluster.id());
            }
        });

        assertThatThrownBy(pool::acquire).hasMessage("cannot prepare test-1");
        assertThat(launcher.clusters().get(0).closed).isTrue();

        failPreparation.set(false);
        assertThat(pool.acquire().id()).isEqualTo("test-2");
    }

    @Test
    void aCallerWaitingForAStartCanBeInterrupted() throws Exception {
        ClusterPool pool = new ClusterPool(launcher, "test", cluster -> {});
        threads.submit(pool::acquire);
        launcher.awaitLaunching(1);
        CompletableFuture<RuntimeException> failure = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                pool.acquire();
                failure.complete(null);
            } catch (RuntimeException e) {
                failure.complete(e);
            }
        });
        waiter.start();
        awaitCondition(() -> waiter.getState() == Thread.State.WAITING);

        waiter.interrupt();
        assertThat(failure.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(LakegateException.class)
                .hasMessage("Interrupted while waiting for a Spark cluster to start");
    }

    private static void awaitCondition(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met in time").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** Starts fake clusters, each only when the test opens the gate. */
    private static final class GatedLauncher implements ClusterLauncher {
        private final List<FakeCluster> clusters = new CopyOnWriteArrayList<>();
        private volatile CountDownLatch gate = new CountDownLatch(1);

        @Override
        public Cluster launch(String clusterId) {
            FakeCluster cluster = new FakeCluster(clusterId);
            clusters.add(cluster);
            try {
                if (!gate.await(WAIT_SECONDS * 2, TimeUnit.SECONDS)) {
                    throw new LakegateException(SqlStates.CONNECTION_NOT_ESTABLISHED, "gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LakegateException(SqlStates.CONNECTION_NOT_ESTABLISHED, "interrupted", e);
            }
            return cluster;
        }

        void awaitLaunching(int count) {
            awaitCondition(() -> clusters.size() >= count);
        }

        void openGate() {
            gate.countDown();
        }

        void closeGate() {
            gate = new CountDownLatch(1);
        }

        List<FakeCluster> clusters() {
            return clusters;
        }
    }
}
