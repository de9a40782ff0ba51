package io.lakegate.server;

import static io.lakegate.server.FaultChecks.LIMIT;
import static io.lakegate.server.FaultChecks.answer;
import static io.lakegate.server.FaultChecks.awaitSessionsClosed;
import static io.lakegate.server.FaultChecks.ownEngine;
import static io.lakegate.server.FaultChecks.connect;
import static io.lakegate.server.FaultChecks.localClusters;
import static io.lakegate.server.FaultChecks.startEndless;
import static io.lakegate.server.FaultChecks.startServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.engine.Engine;
import io.lakegate.server.FaultChecks.Holdings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A cluster that stops answering without dying (its JVM stopped with SIGSTOP: the kernel still takes its
 * connections) is found by the engine's health checks, killed and replaced: the statement it held fails saying why,
 * and every session goes on on a new cluster. An engine of its own, as it loses its cluster.
 */
class HungClusterIT {
    /** The health checks' period and deadline: short for the test, long enough for a busy machine's answers. */
    private static final String CHECK = "5s";

    @Test
    void aClusterThatStopsAnsweringIsKilledAndReplaced() throws Exception {
        Set<Long> otherClusters = localClusters().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
        ProcessHandle hung = null;
        try (Engine engine = ownEngine("it-hung-", Map.of("lakegate.cluster.keepalive-timeout", CHECK));
                ThriftServer server = startServer(engine, Map.of())) {
            Connection bystander = connect(server.address().getPort());
            answer(bystander, "SET spark.sql.session.timeZone = Asia/Tokyo");
            Connection running = connect(server.address().getPort());
            hung = ours(otherClusters).get(0);
            Holdings before = Holdings.of(engine);
            CompletableFuture<SQLException> failure = startEndless(running, engine, before);

            signal("STOP", hung);

            SQLException error = failure.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            // A cast: an SQLException is also an Iterable of its causes.
            assertThat((Throwable) error).hasMessageContaining("The Spark cluster stopped while working on the "
                    + "statement (it did not answer a health check within 5 s (lakegate.cluster.keepalive-timeout), so "
                    + "the engine stopped it)");
            hung.onExit().get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            // The session whose statement failed moved already; the other learns that its state there is lost.
            assertThat(answer(running, "SELECT 40 + 2")).isEqualTo(42);
            assertThatThrownBy(() -> answer(bystander, "SELECT 1"))
                    .hasMessageContaining("has stopped")
                    .hasMessageContaining("Run the statement again");
            assertThat(answer(bystander, "SELECT current_timezone()")).isEqualTo("Asia/Tokyo");
            long hungPid = hung.pid();
            assertThat(ours(otherClusters)).singleElement()
                    .satisfies(replacement -> assertThat(replacement.pid()).isNotEqualTo(hungPid));

            before.awaitReleased(engine);
            running.close();
            bystander.close();
            awaitSessionsClosed(engine);
        } finally {
            if (hung != null) {
                hung.destroyForcibly();
            }
        }
    }

    /** The clusters of this test's engine: those below this JVM that were not there before it started. */
    private static List<ProcessHandle> ours(Set<Long> others) {
        List<ProcessHandle> ours = localClusters().stream().filter(cluster -> !others.contains(cluster.pid())).toList();
        assertThat(ours).as("clusters of the test's engine").isNotEmpty();
        return ours;
    }

    private static void signal(String signal, ProcessHandle process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -%s %s", signal, process.pid()).isZero();
    }
}
