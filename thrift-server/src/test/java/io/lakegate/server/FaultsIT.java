package io.lakegate.server;

import static io.lakegate.server.FaultChecks.LIMIT;
import static io.lakegate.server.FaultChecks.answer;
import static io.lakegate.server.FaultChecks.awaitSessionsClosed;
import static io.lakegate.server.FaultChecks.ownEngine;
import static io.lakegate.server.FaultChecks.closeQuietly;
import static io.lakegate.server.FaultChecks.connect;
import static io.lakegate.server.FaultChecks.localClusters;
import static io.lakegate.server.FaultChecks.startEndless;
import static io.lakegate.server.FaultChecks.startServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.engine.Engine;
import io.lakegate.engine.EngineMemory;
import io.lakegate.server.FaultChecks.Holdings;
import io.lakegate.server.SharedServer.RunningServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults around the shared engine, each through a server of its own and the Hive JDBC driver: a client that goes away
 * mid-fetch, one that never closes what it opened, and the cluster killed mid-query (last: it replaces the shared
 * cluster). After each, the engine holds no more results than before and the server no session.
 */
@ExtendWith(SharedServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {
    /**
     * Three partitions: the first one's 5000 rows come at once; the other two sleep ten minutes a row, one on each of
     * the shared cluster's two cores, so that until they are stopped the cluster runs nothing else.
     */
    private static final String ROWS_THEN_SLEEP = "SELECT id, IF(id < 5000, 'at once', "
            + "reflect('java.lang.Thread', 'sleep', 600000L)) AS late FROM range(0, 15000, 1, 3)";
    /** A job for every core: it runs only once the sleeping tasks are stopped. */
    private static final String EVERY_CORE = "SELECT count(*) FROM range(0, 1000, 1, 2)";

    @Test
    @Order(1)
    void aClientThatDisconnectsMidFetchHasItsStatementStoppedAndItsMemoryFreed(RunningServer shared) throws Exception {
        Engine engine = shared.engine();
        Holdings before = Holdings.of(engine);
        try (ThriftServer server = startServer(engine, Map.of());
                CuttableProxy network = new CuttableProxy(server.address());
                LogWatch log = new LogWatch()) {
            Connection vanishing = connect(network.port());
            ResultSet rows = vanishing.createStatement().executeQuery(ROWS_THEN_SLEEP);
            for (int i = 0; i < 2000; i++) {
                assertThat(rows.next()).isTrue();
            }
            assertHoldsABatch(engine, before);

            network.cut();

            assertStoppedAndReleased(server, engine, before, log);
            awaitSessionsClosed(engine);
            closeQuietly(vanishing);
        }
    }

    @Test
    @Order(2)
    void anOperationNeverClosedIsClosedAtTheIdleTimeoutAndItsMemoryFreed() throws Exception {
        // The idle timeout is the engine's: an engine of its own.
        try (Engine engine = ownEngine("it-idle-", Map.of("lakegate.engine.operation-idle-timeout", "3s"));
                ThriftServer server = startServer(engine, Map.of());
                LogWatch log = new LogWatch()) {
            engine.warmUp();
            Holdings before = Holdings.of(engine);
            Connection forgetful = connect(server.address().getPort());
            ResultSet rows = forgetful.createStatement().executeQuery(ROWS_THEN_SLEEP);
            assertThat(rows.next()).isTrue();
            assertHoldsABatch(engine, before);

            // The client keeps its connection and session, and forgets the result.
            log.await(LIMIT, "closed: unused for PT3S");
            assertStoppedAndReleased(server, engine, before, log);
            forgetful.close();
            awaitSessionsClosed(engine);
        }
    }

    /** Last: the shared engine starts a new cluster, which the test classes after this one get. */
    @Test
    @Order(3)
    void theClusterKilledMidQueryFailsItClearlyAndTheNextStatementSucceeds(RunningServer shared) throws Exception {
        Engine engine = shared.engine();
        Holdings before = Holdings.of(engine);
        try (ThriftServer server = startServer(engine, Map.of())) {
            Connection connection = connect(server.address().getPort());
            CompletableFuture<SQLException> failure = startEndless(connection, engine, before);
            ProcessHandle cluster = localClusters().get(0);

            long killedAt = System.nanoTime();
            cluster.destroyForcibly();
            SQLException error = failure.get(LIMIT.toSeconds(), TimeUnit.SECONDS);

            // The statement would have run for hours; its error comes as soon as the connection breaks.
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(30));
            // A cast: an SQLException is also an Iterable of its causes.
            assertThat((Throwable) error)
                    .hasMessageContaining("The Spark cluster stopped while working on the statement")
                    .hasMessageContaining("The next statement starts a new cluster");
            assertThat(answer(connection, "SELECT 40 + 2")).isEqualTo(42);
            assertThat(localClusters()).singleElement()
                    .satisfies(replacement -> assertThat(replacement.pid()).isNotEqualTo(cluster.pid()));
            before.awaitReleased(engine);
            connection.close();
            awaitSessionsClosed(engine);
        }
    }

    private static void assertHoldsABatch(Engine engine, Holdings before) {
        assertThat(EngineMemory.allocatedBytes(engine)).as("a batch held for the client").isGreaterThan(before.bytes());
    }

    /** The engine stopped the statement, its sleeping tasks too (a job for every core runs), and freed its memory. */
    private static void assertStoppedAndReleased(ThriftServer server, Engine engine, Holdings before, LogWatch log)
            throws SQLException {
        before.awaitReleased(engine);
        log.await(LIMIT, "Cancelling statement");
        try (Connection other = connect(server.address().getPort())) {
            assertThat(answer(other, EVERY_CORE)).isEqualTo(1000L);
        }
    }
}
