package io.lakegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lakegate.common.LakegateException;
import io.lakegate.common.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ranger Admin as the source, through Ranger's REST client and refresher, against a small HTTP server that answers
 * Admin's download calls with recorded responses, and fails on purpose.
 */
class RangerAdminSourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private HttpServer server;
    private volatile String policies;
    private volatile long policyVersion;
    private volatile int failWith;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startAdmin() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/test-policies.json")) {
            serve(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/service/plugins/policies/download/testsvc", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            if (failWith != 0) {
                respond(exchange, failWith, "{\"msgDesc\":\"failing on purpose\"}");
            } else if (exchange.getRequestURI().getQuery().contains("lastKnownVersion=" + policyVersion + "&")
                    || exchange.getRequestURI().getQuery().endsWith("lastKnownVersion=" + policyVersion)) {
                respond(exchange, 304, null);
            } else {
                respond(exchange, 200, policies);
            }
        });
        server.createContext("/service/roles/download/testsvc", exchange -> {
            if (failWith != 0) {
                respond(exchange, failWith, "{}");
            } else if (exchange.getRequestURI().getQuery().contains("lastKnownRoleVersion=1")) {
                respond(exchange, 304, null);
            } else {
                respond(exchange, 200, """
                        {"serviceName":"testsvc","roleVersion":1,"roleUpdateTime":1764547200000,"rangerRoles":[
                          {"id":1,"isEnabled":true,"name":"readers","description":"","options":{},
                           "users":[{"name":"rita","isAdmin":false}],"groups":[],"roles":[]}]}
                        """);
            }
        });
        server.start();
    }

    @AfterEach
    void stopAdmin() {
        server.stop(0);
    }

    private void serve(String json) throws IOException {
        policies = json;
        policyVersion = JSON.readTree(json).get("policyVersion").asLong();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body == null ? -1 : bytes.length);
        if (body != null) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private PolicyEngine open(Path cacheDir) {
        return PolicyEngine.open(Settings.of(Map.of(
                "lakegate.policy.ranger.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "lakegate.policy.service-name", "testsvc",
                "lakegate.policy.ranger.poll-interval", "1h",
                "lakegate.policy.ranger.cache-dir", cacheDir.toString())));
    }

    private static boolean reads(PolicyEngine engine, String user, HiveResource resource) {
        return engine.check(engine.principal(user, user.equals("alice") ? Set.of("staff") : Set.of(),
                Optional.empty()), resource, AccessType.SELECT).allowed();
    }

    private static void downloadNow(PolicyEngine engine) {
        ((RangerEngine) engine).plugin().refreshPoliciesAndTags();
    }

    @Test
    void downloadsPollsKeepsPoliciesWhileAdminFailsAndStartsFromTheCache() throws IOException {
        Path cache = dir.resolve("cache");
        HiveResource orders = HiveResource.column("sales", "orders", "amount");
        HiveResource open = HiveResource.column("open", "t", "c");
        try (PolicyEngine engine = open(cache)) {
            assertThat(requests).isNotEmpty();
            assertThat(reads(engine, "alice", orders)).isTrue();
            assertThat(reads(engine, "rita", HiveResource.column("sales", "roletable", "x")))
                    .as("rita is in the role readers, which Admin's roles download gives").isTrue();
            assertThat(reads(engine, "rob", HiveResource.column("sales", "roletable", "x"))).isFalse();
            assertThat(Files.list(cache)).isNotEmpty();

            // Admin now has a version without the staff policy: the next poll brings it.
            long before = engine.version();
            serve(withoutPolicy(policies, 10, 4));
            downloadNow(engine);
            assertThat(engine.version()).isNotEqualTo(before);
            assertThat(reads(engine, "alice", orders)).isFalse();
            assertThat(reads(engine, "alice", open)).isTrue();

            // Admin fails: the policies in force stay.
            failWith = 500;
            int seen = requests.size();
            downloadNow(engine);
            assertThat(requests.size()).isGreaterThan(seen);
            assertThat(reads(engine, "alice", orders)).isFalse();
            assertThat(reads(engine, "alice", open)).isTrue();
        }

        // Admin is gone (connection refused): a new engine starts from Ranger's cache of version 4.
        server.stop(0);
        try (PolicyEngine engine = open(cache)) {
            assertThat(reads(engine, "alice", orders)).isFalse();
            assertThat(reads(engine, "alice", open)).isTrue();
            assertThat(reads(engine, "rita", HiveResource.column("sales", "roletable", "x"))).isTrue();
        }

        // Neither Admin nor a cache: the start fails, naming both.
        assertThatThrownBy(() -> open(dir.resolve("empty-cache")))
                .isInstanceOf(LakegateException.class)
                .hasMessageContaining("Ranger Admin at http://127.0.0.1:")
                .hasMessageContaining("empty-cache");
    }

    private static String withoutPolicy(String json, long id, long version) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        ArrayNode kept = JSON.createArrayNode();
        root.get("policies").forEach(policy -> {
            if (policy.get("id").asLong() != id) {
                kept.add(policy);
            }
        });
        root.set("policies", kept);
        root.put("policyVersion", version);
        return JSON.writeValueAsString(root);
    }
}
