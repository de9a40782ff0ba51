package io.lakegate.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.common.Settings;
import io.lakegate.engine.Engine;
import io.lakegate.engine.Session;
import io.lakegate.engine.SessionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A status call's long poll: it returns when the work has ended or its bound is up, not when the work starts. */
class OperationProgressTest {
    @TempDir
    Path dataDirectory;

    private Engine engine;
    private Session session;

    @BeforeEach
    void start() {
        engine = Engine.start(Settings.of(Map.of("lakegate.data.dir", dataDirectory.toString())));
        session = engine.openSession(SessionSpec.forUser("alice"));
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void aWaiterWakesOnceWhenTheWorkEndsNotWhenItStarts() throws Exception {
        Steps operation = new Steps(session);
        Thread[] waiter = new Thread[1];
        CompletableFuture<OperationState> seen = CompletableFuture.supplyAsync(() -> {
            waiter[0] = Thread.currentThread();
            try {
                return operation.awaitProgress(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitWaiting(waiter);

        operation.moveTo(OperationState.RUNNING);
        assertThatThrownBy(() -> seen.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

        operation.moveTo(OperationState.FINISHED);
        assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo(OperationState.FINISHED);
    }

    @Test
    void theWaitStaysBoundedSoProgressStillReachesTheClient() throws InterruptedException {
        Steps operation = new Steps(session);
        operation.moveTo(OperationState.RUNNING);
        long start = System.nanoTime();
        assertThat(operation.awaitProgress(Duration.ofMillis(200))).isEqualTo(OperationState.RUNNING);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(190),
                Duration.ofSeconds(10));
    }

    @Test
    void aFailureEndsTheWaitAsAResultDoes() throws Exception {
        Steps operation = new Steps(session);
        CompletableFuture<OperationState> seen = CompletableFuture.supplyAsync(() -> {
            try {
                return operation.awaitProgress(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        operation.cancel();
        assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo(OperationState.CANCELED);
    }

    private static void awaitWaiting(Thread[] waiter) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (waiter[0] == null || waiter[0].getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime()).as("the waiter started waiting").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** An operation the test moves through its states, as a statement's work would. */
    private static final class Steps extends Operation {
        Steps(Session session) {
            super(session);
        }

        @Override
        protected void stop() {}

        @Override
        protected void release() {}
    }
}
