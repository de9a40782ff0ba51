package io.lakegate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.common.LakegateException;
import io.lakegate.engine.cluster.Cluster;
import io.lakegate.engine.connect.ConnectProbe;
import io.lakegate.engine.connect.ConnectSession;
import io.lakegate.engine.connect.ExecutionApproval;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A released session is gone from the cluster (a call on its id is refused rather than opening a fresh session), and
 * its release ran to the end: without Spark's ML library on the cluster, every release failed half-way with a
 * NoClassDefFoundError that only the cluster's log shows.
 */
@ExtendWith(SharedEngine.class)
class SessionReleaseIT {
    @Test
    void releaseEndsTheSessionOnTheCluster(Engine engine) throws Exception {
        Cluster cluster = engine.clusters().acquire();
        try (BufferAllocator allocator = new RootAllocator()) {
            ConnectSession session = cluster.client().openSession("alice");
            session.setConf(Map.of("spark.sql.shuffle.partitions", "3"));
            assertThat(ConnectProbe.rows(session, "SELECT 1", ExecutionApproval.unrestrictedApproval(), allocator))
                    .containsExactly(List.of(1));

            session.close();

            assertThatThrownBy(() -> session.setConf(Map.of("spark.sql.shuffle.partitions", "4")))
                    .isInstanceOf(LakegateException.class)
                    .satisfies(e -> assertThat(((LakegateException) e).errorClass())
                            .hasValueSatisfying(errorClass -> assertThat(errorClass).contains("SESSION_CLOSED")));
        }
        String log = Files.readString(clusterLog(cluster), StandardCharsets.UTF_8);
        assertThat(log).contains("Closing session with userId: alice").doesNotContain("NoClassDefFoundError");
    }

    private static Path clusterLog(Cluster cluster) {
        return SharedEngine.DATA_DIR.resolve("work").resolve("clusters").resolve(cluster.id() + ".log");
    }
}
