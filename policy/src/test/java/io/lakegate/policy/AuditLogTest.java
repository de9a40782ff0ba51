package io.lakegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakegate.common.LakegateException;
import io.lakegate.common.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static AuditEvent event(Principal principal, String statementId, Optional<String> statement) {
        return new AuditEvent(Instant.parse("2026-12-01T10:15:30.123Z"), principal, "session-1", statementId,
                HiveResource.column("sales", "customers", "m_hash"), AccessType.SELECT, true, OptionalLong.of(24),
                Optional.of("mask: MASK_HASH"), statement);
    }

    @Test
    void aFailedWriteRefusesTheStatementWithoutTellingTheClientWhereTheLogIs() {
        Path audit = dir.resolve("audit.jsonl");
        AuditLog log = AuditLog.open(audit);
        log.close();
        try (PolicyEngine engine = PolicyEngine.open(Settings.of(Map.of()))) {
            AuditEvent event = event(engine.principal("alice", Set.of(), Optional.empty()), "st-1", Optional.empty());
            assertThatThrownBy(() -> log.write(event))
                    .isInstanceOfSatisfying(LakegateException.class, e -> assertThat(e.sqlState()).isEqualTo("XX000"))
                    .hasMessageContaining("audit log cannot be written")
                    .hasMessageNotContaining(dir.toString());
        }
    }

    @Test
    void linesAreJsonObjectsWithEveryField() throws IOException {
        Path audit = dir.resolve("audit").resolve("audit.jsonl");
        try (PolicyEngine engine = PolicyEngine.open(Settings.of(Map.of(
                "lakegate.policy.audit.path", audit.toString(), "lakegate.policy.audit.statements", "true")))) {
            assertThat(engine.auditsStatements()).isTrue();
            Principal alice = engine.principal("alice", Set.of("staff"), Optional.of("10.0.0.7"));
            engine.audit(event(alice, "st-1", Optional.of("SELECT m_hash FROM sales.customers")));
            engine.audit(new AuditEvent(Instant.parse("2026-12-01T10:15:31Z"),
                    engine.principal("bob", Set.of(), Optional.empty()).actedForBy(Optional.of("tableau")),
                    "session-2", "st-2",
                    HiveResource.table("hr", "salaries"), AccessType.DROP, false, OptionalLong.empty(),
                    Optional.empty(), Optional.empty()));
        }
        List<String> lines = Files.readAllLines(audit);
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("time").asText()).isEqualTo("2026-12-01T10:15:30.123Z");
        assertThat(first.get("user").asText()).isEqualTo("alice");
        assertThat(first.get("groups")).extracting(JsonNode::asText).containsExactly("public", "staff");
        assertThat(first.get("clientAddress").asText()).isEqualTo("10.0.0.7");
        assertThat(first.has("actingAccount")).as("alice acts for herself").isFalse();
        assertThat(first.get("sessionId").asText()).isEqualTo("session-1");
        assertThat(first.get("statementId").asText()).isEqualTo("st-1");
        assertThat(first.get("resource").asText()).isEqualTo("sales.customers.m_hash");
        assertThat(first.get("accessType").asText()).isEqualTo("select");
        assertThat(first.get("result").asText()).isEqualTo("allowed");
        assertThat(first.get("policyId").asLong()).isEqualTo(24);
        assertThat(first.get("applied").asText()).isEqualTo("mask: MASK_HASH");
        assertThat(first.get("statement").asText()).isEqualTo("SELECT m_hash FROM sales.customers");
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(second.get("result").asText()).isEqualTo("denied");
        assertThat(second.get("policyId").isNull()).isTrue();
        assertThat(second.get("clientAddress").isNull()).isTrue();
        assertThat(second.get("accessType").asText()).isEqualTo("drop");
        assertThat(second.get("user").asText()).isEqualTo("bob");
        assertThat(second.get("actingAccount").asText()).isEqualTo("tableau");
        assertThat(second.has("applied")).isFalse();
        assertThat(second.has("statement")).isFalse();
    }

    @Test
    void appendsAndConcurrentWritersKeepLinesWhole() throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        Files.writeString(audit, "{\"earlier\":true}\n");
        String longStatement = "SELECT " + "x, ".repeat(2_000) + "1";
        // Two logs on one file stand for two gateways; four threads each.
        try (AuditLog one = AuditLog.open(audit); AuditLog two = AuditLog.open(audit)) {
            Principal principal = new Principal("alice", Set.of("public"), Optional.empty());
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                AuditLog log = t % 2 == 0 ? one : two;
                int thread = t;
                writers.add(threads.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        log.write(event(principal, thread + "-" + i, Optional.of(longStatement)));
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            threads.shutdown();
        }
        List<String> lines = Files.readAllLines(audit);
        assertThat(lines).hasSize(1 + 8 * 200);
        assertThat(lines.get(0)).isEqualTo("{\"earlier\":true}");
        for (String line : lines.subList(1, lines.size())) {
            assertThat(JSON.readTree(line).get("statement").asText()).isEqualTo(longStatement);
        }
    }

    @Test
    void statementsAreNotAuditedByDefault() {
        try (PolicyEngine engine = PolicyEngine.open(Settings.empty())) {
            assertThat(engine.auditsStatements()).isFalse();
        }
    }
}
