package io.lakegate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.common.LakegateException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A cluster that dies is reported once, clearly, and replaced by a new one. */
@ExtendWith(SharedEngine.class)
class ClusterRecoveryIT {

    @Test
    void clusterKilledWhileIdleFailsTheNextStatementAndTheOneAfterRunsOnANewCluster(Engine engine) throws Exception {
        try (Session session = engine.openSession(SessionSpec.forUser("survivor"))) {
            Results.drain(session.execute("CREATE NAMESPACE IF NOT EXISTS recovery"));
            Results.drain(session.execute("USE recovery"));
            Results.drain(session.execute("SET spark.sql.session.timeZone = Asia/Tokyo"));
            assertThat(session.currentDatabase()).isEqualTo("recovery");
            ProcessHandle killed = killCluster();

            assertThatThrownBy(() -> session.execute("SELECT 2"))
                    .isInstanceOfSatisfying(LakegateException.class, e -> assertThat(e.sqlState()).isEqualTo("08006"))
                    .hasMessageContaining("has stopped")
                    .hasMessageContaining("Run the statement again");

            assertThat(answer(session, "SELECT 3")).isEqualTo(3);
            // The new cluster's session starts where the old one was: the database of USE, the settings of SET.
            assertThat(answer(session, "SELECT concat(current_database(), ' ', current_timezone())"))
                    .hasToString("recovery Asia/Tokyo");
            assertThat(LocalClusters.below(ProcessHandle.current()))
                    .singleElement()
                    .satisfies(cluster -> assertThat(cluster.pid()).isNotEqualTo(killed.pid()));
        }
    }

    @Test
    void clusterKilledWhileAStatementRunsFailsThatStatementOnly(Engine engine) throws Exception {
        try (Session session = engine.openSession(SessionSpec.forUser("bystander"))) {
            StatementResult running = session.execute("SELECT sum(id % 7) FROM range(0, 1000000000000)");
            killCluster();
            assertThatThrownBy(running::hasNext)
                    .isInstanceOfSatisfying(LakegateException.class, e -> assertThat(e.sqlState()).isEqualTo("08006"))
                    .hasMessageContaining("stopped while working on the statement")
                    .hasMessageContaining("exited with code");
            running.close();

            assertThat(answer(session, "SELECT 4")).isEqualTo(4);
        }
    }

    private static ProcessHandle killCluster() throws Exception {
        ProcessHandle cluster = LocalClusters.below(ProcessHandle.current()).get(0);
        cluster.destroyForcibly();
        cluster.onExit().get(30, TimeUnit.SECONDS);
        return cluster;
    }

    private static Object answer(Session session, String sql) {
        return Results.firstValue(session.execute(sql));
    }
}
