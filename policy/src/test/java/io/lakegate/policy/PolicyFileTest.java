package io.lakegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakegate.common.LakegateException;
import io.lakegate.common.Settings;
import io.lakegate.common.WatchedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The policy file is read again when it changes; a version that cannot be used leaves the last good one. */
class PolicyFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HiveResource ORDERS = HiveResource.column("sales", "orders", "amount");

    @TempDir
    Path dir;
    private Path file;
    private String original;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void setUp() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/test-policies.json")) {
            original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        file = dir.resolve("policies.json");
        Files.writeString(file, original);
        log.start();
        ((Logger) LoggerFactory.getLogger(WatchedFile.class)).addAppender(log);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(WatchedFile.class)).detachAppender(log);
    }

    private PolicyEngine open() {
        return PolicyEngine.open(Settings.of(Map.of("lakegate.policy.file", file.toString())));
    }

    private static boolean aliceReads(PolicyEngine engine, HiveResource resource) {
        return engine.check(engine.principal("alice", Set.of("staff"), Optional.empty()), resource,
                AccessType.SELECT).allowed();
    }

    private String withoutPolicy(long id) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(original);
        var policies = root.withArray("policies");
        for (int i = policies.size() - 1; i >= 0; i--) {
            if (policies.get(i).get("id").asLong() == id) {
                policies.remove(i);
            }
        }
        root.put("policyVersion", root.get("policyVersion").asLong() + 1);
        return JSON.writeValueAsString(root);
    }

    private long warnings() {
        return log.list.stream().filter(event -> event.getLevel() == Level.WARN).count();
    }

    @Test
    void aRewrittenFileIsSeenByTheNextCall() throws IOException {
        try (PolicyEngine engine = open()) {
            assertThat(aliceReads(engine, ORDERS)).isTrue();
            long version = engine.version();
            Files.writeString(file, withoutPolicy(10));
            assertThat(aliceReads(engine, ORDERS)).isFalse();
            assertThat(engine.version()).isNotEqualTo(version);
            Files.writeString(file, original);
            assertThat(aliceReads(engine, ORDERS)).isTrue();
        }
    }

    @Test
    void aFileReplacedByARenameIsSeenByTheNextCall() throws IOException {
        try (PolicyEngine engine = open()) {
            assertThat(aliceReads(engine, ORDERS)).isTrue();
            Path next = dir.resolve("next.json");
            Files.writeString(next, withoutPolicy(10));
            // Same time and size as the file it replaces: only its inode tells it apart.
            Files.setLastModifiedTime(next, Files.getLastModifiedTime(file));
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertThat(aliceReads(engine, ORDERS)).isFalse();
        }
    }

    @Test
    void aRewriteWithinOneTickOfTheFileClockIsSeen() throws IOException {
        // A file time that is not yet older than its resolution (here: ahead of the clock, so that a slow machine
        // cannot age it during the test): a rewrite may keep it, so the contents are compared.
        FileTime time = FileTime.from(Instant.now().plusSeconds(60));
        Files.setLastModifiedTime(file, time);
        try (PolicyEngine engine = open()) {
            assertThat(aliceReads(engine, ORDERS)).isTrue();
            // Same inode, same size, same time: what a second write within the file system's time resolution leaves.
            Files.writeString(file, original.replace("\"staff\"", "\"stafx\""));
            Files.setLastModifiedTime(file, time);
            assertThat(Files.size(file)).isEqualTo(original.length());
            assertThat(aliceReads(engine, ORDERS)).isFalse();
        }
    }

    @Test
    void aBadVersionKeepsTheLastGoodPoliciesAndWarnsOnce() throws IOException {
        try (PolicyEngine engine = open()) {
            Files.writeString(file, withoutPolicy(10));
            assertThat(aliceReads(engine, ORDERS)).isFalse();
            long version = engine.version();

            Files.writeString(file, original.substring(0, original.length() / 2));
            assertThat(aliceReads(engine, ORDERS)).isFalse();
            assertThat(aliceReads(engine, HiveResource.column("open", "t", "c"))).isTrue();
            assertThat(engine.version()).isEqualTo(version);
            assertThat(warnings()).isEqualTo(1);
            assertThat(log.list.get(log.list.size() - 1).getFormattedMessage())
                    .contains("cannot be used, keeping what was read before")
                    .contains("is not Ranger's policy JSON");

            Files.writeString(file, "{\"serviceName\": \"testsvc\"}");
            assertThat(aliceReads(engine, ORDERS)).isFalse();
            assertThat(warnings()).isEqualTo(2);
            assertThat(log.list.get(log.list.size() - 1).getFormattedMessage()).contains("has no \"policies\" list");

            Files.delete(file);
            assertThat(aliceReads(engine, ORDERS)).isFalse();
            assertThat(aliceReads(engine, HiveResource.column("open", "t", "c"))).isTrue();
            assertThat(warnings()).isEqualTo(3);

            Files.writeString(file, original);
            assertThat(aliceReads(engine, ORDERS)).isTrue();
            assertThat(warnings()).isEqualTo(3);
        }
    }

    @Test
    void policiesWithValiditySchedulesAreEvaluatedEveryTimeNotCached() throws IOException {
        HiveResource open = HiveResource.column("open", "t", "c");
        try (PolicyEngine engine = open()) {
            assertThat(aliceReads(engine, open)).isTrue();
            assertThat(((RangerEngine) engine).plugin().cacheable()).isTrue();
            ObjectNode root = (ObjectNode) JSON.readTree(original);
            root.withArray("policies").forEach(policy -> {
                if (policy.get("id").asLong() == 12) {
                    ((ObjectNode) policy).putArray("validitySchedules").addObject()
                            .put("startTime", "2020/01/01 00:00:00").put("endTime", "2020/12/31 00:00:00")
                            .put("timeZone", "UTC");
                }
            });
            Files.writeString(file, JSON.writeValueAsString(root));
            assertThat(aliceReads(engine, open)).as("the policy expired in 2020").isFalse();
            assertThat(((RangerEngine) engine).plugin().cacheable()).isFalse();
        }
    }

    @Test
    void aFileWithoutServiceDefinitionUsesRangersHiveDefinition() throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(original);
        root.remove("serviceDef");
        root.remove("serviceName");
        Files.writeString(file, JSON.writeValueAsString(root));
        try (PolicyEngine engine = PolicyEngine.open(Settings.of(Map.of("lakegate.policy.file", file.toString(),
                "lakegate.policy.service-name", "other")))) {
            assertThat(aliceReads(engine, ORDERS)).isTrue();
            assertThat(engine.masks(engine.principal("alice", Set.of("staff"), Optional.empty()), "sales",
                    "customers", List.of("m_last4"))).extracting(ColumnMask::type)
                    .containsExactly(MaskType.MASK_SHOW_LAST_4);
        }
    }

    @Test
    void aMissingOrBadFileFailsTheStart() throws IOException {
        Files.delete(file);
        assertThatThrownBy(this::open).isInstanceOf(LakegateException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("does not exist");
        Files.writeString(file, "[1, 2");
        assertThatThrownBy(this::open).isInstanceOf(LakegateException.class)
                .hasMessageContaining("is not Ranger's policy JSON");
        ObjectNode root = (ObjectNode) JSON.readTree(original);
        ((ObjectNode) root.get("serviceDef")).put("name", "hdfs");
        Files.writeString(file, JSON.writeValueAsString(root));
        assertThatThrownBy(this::open).isInstanceOf(LakegateException.class)
                .hasMessageContaining("of type 'hdfs' (expected: hive)");
    }
}
