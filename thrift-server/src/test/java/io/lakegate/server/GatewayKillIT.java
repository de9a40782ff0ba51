package io.lakegate.server;

import static io.lakegate.server.FaultChecks.LIMIT;
import static io.lakegate.server.FaultChecks.START_LIMIT;
import static io.lakegate.server.FaultChecks.answer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The gateway killed with SIGKILL runs no shutdown hook, yet leaves no cluster behind: each local cluster watches for
 * its engine's end on its own.
 */
class GatewayKillIT {
    @Test
    void aGatewayKilledWithSigkillLeavesNoClusterJvmBehind() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-gateway-kill-");
        List<ProcessHandle> clusters;
        try (ServerProcess server = ServerProcess.main(dataDir)) {
            String url = server.awaitJdbcUrl(START_LIMIT);
            try (Connection connection = IsolatedDriver.HIVE_JDBC.connect(url, "killed", "pw")) {
                assertThat(answer(connection, "SELECT 40 + 2")).isEqualTo(42);
            }
            clusters = server.clusters();
            assertThat(clusters).as("the gateway's cluster").hasSize(1);

            server.kill();
        }
        for (ProcessHandle cluster : clusters) {
            cluster.onExit().get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(cluster.isAlive()).as("cluster %s", cluster.pid()).isFalse();
        }
    }
}
