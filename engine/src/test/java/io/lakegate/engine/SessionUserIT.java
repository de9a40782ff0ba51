package io.lakegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.engine.connect.ConnectProbe;
import io.lakegate.engine.connect.ConnectSession;
import io.lakegate.engine.connect.ExecutionApproval;
import io.lakegate.engine.connect.SparkConnectClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code current_user()} and its synonyms answer with the session's user on the cluster, not the cluster's. */
@ExtendWith(SharedEngine.class)
class SessionUserIT {
    private static final String USER_FUNCTIONS = "SELECT current_user(), session_user(), user()";

    @Test
    void eachSessionSeesItsOwnUser(Engine engine) {
        SparkConnectClient client = engine.clusters().acquire().client();
        try (BufferAllocator allocator = new RootAllocator();
                ConnectSession alice = client.openSession("alice");
                ConnectSession bob = client.openSession("bob")) {
            assertThat(rows(alice, USER_FUNCTIONS, allocator)).containsExactly(List.of("alice", "alice", "alice"));
            assertThat(rows(bob, USER_FUNCTIONS, allocator)).containsExactly(List.of("bob", "bob", "bob"));
            String filtered = "SELECT id FROM range(3) WHERE current_user() = 'alice' AND user() = session_user()";
            assertThat(rows(alice, filtered, allocator)).hasSize(3);
            assertThat(rows(bob, filtered, allocator)).isEmpty();
        }
    }

    @Test
    void viewsAnswerWithTheUserWhoReadsThem(Engine engine) {
        SparkConnectClient client = engine.clusters().acquire().client();
        try (BufferAllocator allocator = new RootAllocator();
                ConnectSession alice = client.openSession("alice");
                ConnectSession bob = client.openSession("bob")) {
            rows(alice, "CREATE OR REPLACE VIEW default.session_user_view AS SELECT current_user() AS reader, "
                    + "id FROM range(2) WHERE user() = session_user()", allocator);
            rows(bob, "CREATE OR REPLACE TEMPORARY VIEW own_user AS SELECT current_user() AS reader", allocator);
            assertThat(rows(bob, "SELECT reader, id FROM default.session_user_view ORDER BY id", allocator))
                    .containsExactly(List.of("bob", 0L), List.of("bob", 1L));
            assertThat(rows(alice, "SELECT DISTINCT reader FROM default.session_user_view", allocator))
                    .containsExactly(List.of("alice"));
            assertThat(rows(bob, "SELECT reader FROM own_user", allocator)).containsExactly(List.of("bob"));
            rows(alice, "DROP VIEW default.session_user_view", allocator);
        }
    }

    @Test
    void concurrentSessionsKeepTheirUsers(Engine engine) throws Exception {
        SparkConnectClient client = engine.clusters().acquire().client();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (BufferAllocator allocator = new RootAllocator()) {
            List<Future<List<List<Object>>>> answers = new ArrayList<>();
            List<String> users = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                for (String user : List.of("alice", "bob")) {
                    users.add(user);
                    answers.add(pool.submit(() -> {
                        try (ConnectSession session = client.openSession(user)) {
                            // A job with tasks, so that executions overlap on the cluster.
                            return rows(session, "SELECT current_user(), session_user(), user(), count(*) "
                                    + "FROM range(200000) WHERE current_user() = '" + user + "'", allocator);
                        }
                    }));
                }
            }
            for (int i = 0; i < answers.size(); i++) {
                String user = users.get(i);
                assertThat(answers.get(i).get(2, TimeUnit.MINUTES))
                        .containsExactly(List.of(user, user, user, 200000L));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<List<Object>> rows(ConnectSession session, String sql, BufferAllocator allocator) {
        return ConnectProbe.rows(session, sql, ExecutionApproval.unrestrictedApproval(), allocator);
    }
}
