package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.common.Settings;
import io.lakegate.engine.Engine;
import io.lakegate.engine.EngineMemory;
import io.lakegate.engine.cluster.LocalClusterLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * What the fault tests share: a server of their own on an engine, Hive JDBC connections to it, and the checks that
 * after a fault nothing is left behind.
 */
final class FaultChecks {
    /** Generous bounds for a busy machine with two cores, never speed goals. */
    static final Duration LIMIT = Duration.ofSeconds(60);
    static final Duration START_LIMIT = Duration.ofMinutes(3);
    /** An administrator of the shared server's policies: none of them applies. */
    static final String USER = "tester";
    /** Hours of work for two cores that sends nothing until it is done. */
    static final String ENDLESS = "SELECT sum(id % 7) FROM range(0, 1000000000000)";

    private FaultChecks() {}

    static ThriftServer startServer(Engine engine, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of(
                "lakegate.server.host", "127.0.0.1",
                "lakegate.server.port", "0",
                "lakegate.server.http.port", "0"));
        all.putAll(settings);
        return ThriftServer.start(engine, Settings.of(all));
    }

    static Connection connect(int port) throws SQLException {
        return IsolatedDriver.HIVE_JDBC.connect("jdbc:hive2://127.0.0.1:" + port + "/default", USER, "pw");
    }

    /**
     * The answer of a one-value query. Its query timeout bounds the wait for a cluster that is busy or starting: a
     * start takes up to 45 s on a busy machine with two cores.
     */
    static Object answer(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) START_LIMIT.toSeconds());
            try (ResultSet rows = statement.executeQuery(sql)) {
                assertThat(rows.next()).as("a row from %s", sql).isTrue();
                return rows.getObject(1);
            }
        }
    }

    /**
     * Runs {@link #ENDLESS} on a thread of its own and returns once the engine has sent it to the cluster; the future
     * holds the error it ends with.
     */
    static CompletableFuture<SQLException> startEndless(Connection connection, Engine engine, Holdings before) {
        CompletableFuture<SQLException> failure = CompletableFuture.supplyAsync(() -> {
            try (Statement statement = connection.createStatement();
                    ResultSet ignored = statement.executeQuery(ENDLESS)) {
                return null;
            } catch (SQLException e) {
                return e;
            }
        });
        awaitCondition(() -> EngineMemory.openResults(engine) > before.results() || failure.isDone(),
                () -> "the statement started on the cluster");
        return failure;
    }

    /** What the engine holds for results before a fault: afterwards it must hold no more. */
    record Holdings(int results, long bytes) {
        static Holdings of(Engine engine) {
            return new Holdings(EngineMemory.openResults(engine), EngineMemory.allocatedBytes(engine));
        }

        void awaitReleased(Engine engine) {
            awaitCondition(() -> EngineMemory.openResults(engine) <= results
                    && EngineMemory.allocatedBytes(engine) <= bytes,
                    () -> "the engine's results back to " + this + ", now " + Holdings.of(engine));
        }
    }

    /** Every session the server allows can be opened: the server holds none from before. */
    /** Waits until the engine holds no session of the tests' user: closing a session closes its operations. */
    static void awaitSessionsClosed(Engine engine) {
        awaitCondition(() -> engine.operations().sessions().stream().noneMatch(session -> session.user().equals(USER)),
                () -> "every session of " + USER + " closed");
    }

    /**
     * An engine of a test's own, for settings the shared one cannot have or a cluster it may lose, with its data in
     * a new directory under target/.
     */
    static Engine ownEngine(String name, Map<String, String> settings) throws java.io.IOException {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), name);
        Map<String, String> all = new HashMap<>(Map.of(
                "lakegate.data.dir", dataDir.toString(),
                "lakegate.cluster.local.master", "local[2]",
                "lakegate.cluster.local.memory", "1g",
                "lakegate.policy.admin-users", USER));
        all.putAll(settings);
        return Engine.start(Settings.of(all));
    }

    /** The local clusters running below this JVM, found by the marker on their command line. */
    static List<ProcessHandle> localClusters() {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine()
                        .map(line -> line.contains("-D" + LocalClusterLauncher.CLUSTER_ID_PROPERTY + "="))
                        .orElse(false))
                .toList();
    }

    static void awaitCondition(BooleanSupplier condition, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within %s", what.get(), LIMIT).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /** Closes a connection whose server side may be gone already: the driver then fails to say goodbye. */
    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // The session is closed on the server's side whatever the driver managed to send.
        }
    }
}
