package io.lakegate.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.lakegate.common.LakegateException;
import io.lakegate.common.Settings;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.Engine;
import io.lakegate.engine.Session;
import io.lakegate.engine.SessionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's lifecycle of sessions and operations, without a cluster: limits, reaping, and never waiting. */
class OperationManagerTest {
    private static final Duration IDLE = Duration.ofMillis(400);

    @TempDir
    Path dataDirectory;

    private Engine engine;

    @BeforeEach
    void start() {
        engine = Engine.start(Settings.of(Map.of(
                "lakegate.data.dir", dataDirectory.toString(),
                "lakegate.engine.max-sessions", "3",
                "lakegate.engine.max-sessions-per-user", "2",
                "lakegate.engine.max-operations-per-session", "2",
                "lakegate.engine.max-operations-per-user", "3",
                "lakegate.engine.session-idle-timeout", "1h",
                "lakegate.engine.operation-idle-timeout", "1h")));
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void sessionsCountPerUserAndInAll() {
        engine.openSession(SessionSpec.forUser("alice"));
        Session second = engine.openSession(SessionSpec.forUser("alice"));
        assertLimit(() -> engine.openSession(SessionSpec.forUser("alice")), "User alice has 2 open sessions");
        engine.openSession(SessionSpec.forUser("bob"));
        assertLimit(() -> engine.openSession(SessionSpec.forUser("carol")), "The server has 3 open sessions");

        second.close();
        engine.openSession(SessionSpec.forUser("carol"));
    }

    @Test
    void aSessionThatFailsToOpenGivesItsPlaceBack() {
        for (String database : new String[] {"missing", "nul\0byte", "a.b", "x"}) {
            assertThatThrownBy(() -> engine.openSession(SessionSpec.forUser("alice").withDatabase(database)))
                    .isInstanceOf(LakegateException.class)
                    .extracting(e -> ((LakegateException) e).sqlState()).isEqualTo(SqlStates.UNDEFINED_SCHEMA);
        }
        engine.openSession(SessionSpec.forUser("alice"));
        engine.openSession(SessionSpec.forUser("alice"));
    }

    @Test
    void operationsCountPerSessionAndPerUser() {
        OperationManager manager = engine.operations();
        Session first = engine.openSession(SessionSpec.forUser("alice"));
        Session second = engine.openSession(SessionSpec.forUser("alice"));
        Idle kept = manager.register(new Idle(first));
        manager.register(new Idle(first));
        assertLimit(() -> manager.register(new Idle(first)), "The session holds 2 open operations");
        manager.register(new Idle(second));
        assertLimit(() -> manager.register(new Idle(second)), "User alice holds 3 open operations");

        kept.close();
        manager.register(new Idle(second));
        assertThat(manager.find(kept.id())).isEmpty();
    }

    @Test
    void closingASessionClosesItsOperationsAndFreesTheirPlaces() {
        OperationManager manager = engine.operations();
        Session session = engine.openSession(SessionSpec.forUser("alice"));
        Idle operation = manager.register(new Idle(session));
        AtomicBoolean told = new AtomicBoolean();
        operation.whenClosed(() -> told.set(true));

        session.close();

        assertThat(operation.state()).isEqualTo(OperationState.CLOSED);
        assertThat(told).isTrue();
        assertThat(manager.openOperations()).isZero();
        Session next = engine.openSession(SessionSpec.forUser("alice"));
        manager.register(new Idle(next));
        manager.register(new Idle(next));
    }

    @Test
    void cancelAndCloseReturnWhileStoppingWaitsForTheCluster() throws InterruptedException {
        Session session = engine.openSession(SessionSpec.forUser("alice"));
        CountDownLatch clusterAnswers = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        Operation hung = engine.operations().register(new Operation(session) {
            @Override
            protected void stop() {
                awaitQuietly(clusterAnswers);
            }

            @Override
            protected void release() {
                released.countDown();
            }
        });
        moveToRunning(hung);

        long start = System.nanoTime();
        hung.cancel();
        hung.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(hung.state()).isEqualTo(OperationState.CLOSED);
        assertThat(engine.operations().find(hung.id())).isEmpty();

        clusterAnswers.countDown();
        assertThat(released.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theReaperClosesIdleOperationsAndSessions() throws InterruptedException {
        engine.close();
        engine = Engine.start(Settings.of(Map.of(
                "lakegate.data.dir", dataDirectory.toString(),
                "lakegate.engine.session-idle-timeout", "2s",
                "lakegate.engine.operation-idle-timeout", IDLE.toMillis() + "ms")));
        Session session = engine.openSession(SessionSpec.forUser("alice"));
        CountDownLatch sessionClosed = new CountDownLatch(1);
        session.whenClosed(sessionClosed::countDown);
        Idle forgotten = engine.operations().register(new Idle(session));
        Idle inUse = engine.operations().register(new Idle(session));

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (forgotten.state() != OperationState.CLOSED) {
            inUse.used();
            if (System.nanoTime() > deadline) {
                fail("The idle operation was not closed");
            }
            Thread.sleep(50);
        }
        assertThat(inUse.state()).isEqualTo(OperationState.FINISHED);
        // Releasing runs on the background threads, after the close.
        assertThat(forgotten.released.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(sessionClosed.await(15, TimeUnit.SECONDS)).isTrue();
        assertThat(inUse.state()).isEqualTo(OperationState.CLOSED);
        assertThat(engine.operations().sessions()).isEmpty();
    }

    @Test
    void theTransitionTableLetsAFinishedResultBeStoppedButNothingLeaveClosed() {
        assertThat(OperationState.FINISHED.canMoveTo(OperationState.CANCELED)).isTrue();
        assertThat(OperationState.FINISHED.canMoveTo(OperationState.TIMEDOUT)).isTrue();
        assertThat(OperationState.FINISHED.canMoveTo(OperationState.ERROR)).isFalse();
        assertThat(OperationState.CANCELED.canMoveTo(OperationState.FINISHED)).isFalse();
        for (OperationState state : OperationState.values()) {
            assertThat(OperationState.CLOSED.canMoveTo(state)).isFalse();
            assertThat(state.canMoveTo(OperationState.PENDING)).isFalse();
            assertThat(state == OperationState.CLOSED || state.canMoveTo(OperationState.CLOSED)).isTrue();
        }
    }

    private static void assertLimit(Runnable call, String message) {
        assertThatThrownBy(call::run)
                .isInstanceOf(LakegateException.class)
                .hasMessageStartingWith(message)
                .extracting(e -> ((LakegateException) e).sqlState()).isEqualTo(SqlStates.TOO_MANY);
    }

    private static void moveToRunning(Operation operation) {
        // Same package: the test moves the state as a subclass would.
        assertThat(operation.moveTo(OperationState.RUNNING)).isTrue();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An operation with its result ready and nothing to stop, like a metadata listing. */
    private static final class Idle extends Operation {
        final CountDownLatch released = new CountDownLatch(1);

        Idle(Session session) {
            super(session);
            moveTo(OperationState.FINISHED);
        }

        @Override
        protected void stop() {}

        @Override
        protected void release() {
            released.countDown();
        }
    }
}
