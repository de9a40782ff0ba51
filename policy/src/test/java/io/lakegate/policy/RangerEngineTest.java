package io.lakegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.common.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decisions of Ranger's engine over test-policies.json, a policy file in Ranger Admin's download format. */
class RangerEngineTest {
    private static final Logger LOG = LoggerFactory.getLogger(RangerEngineTest.class);

    @TempDir
    static Path dir;
    private static PolicyEngine engine;

    @BeforeAll
    static void open() throws IOException {
        Path policies = dir.resolve("policies.json");
        try (InputStream in = RangerEngineTest.class.getResourceAsStream("/test-policies.json")) {
            Files.copy(in, policies);
        }
        Path users = dir.resolve("users");
        Files.writeString(users, """
                # test users
                alice: staff
                mallory: staff
                carol: staff, auditors   # carol may read the secret
                pat: partial

                root:
                """);
        Path roles = dir.resolve("roles.json");
        Files.writeString(roles, """
                {"serviceName": "testsvc", "roleVersion": 2, "roleUpdateTime": 1764547200000, "rangerRoles": [
                  {"id": 1, "isEnabled": true, "name": "readers", "description": "", "options": {},
                   "users": [{"name": "rita", "isAdmin": false}], "groups": [{"name": "clerks", "isAdmin": false}],
                   "roles": []}]}
                """);
        engine = PolicyEngine.open(Settings.of(Map.of(
                "lakegate.policy.file", policies.toString(),
                "lakegate.policy.roles-file", roles.toString(),
                "lakegate.policy.users-file", users.toString(),
                "lakegate.policy.admin-users", "root",
                "lakegate.policy.admin-groups", "dba")));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static Principal user(String name) {
        return engine.principal(name, Set.of(), Optional.of("10.0.0.7"));
    }

    private static boolean select(String user, HiveResource resource) {
        return engine.check(user(user), resource, AccessType.SELECT).allowed();
    }

    @Test
    void principalHasTheGroupsOfTheUsersFileAuthenticationAndPublic() {
        assertThat(user("carol").groups()).containsExactlyInAnyOrder("staff", "auditors", "public");
        assertThat(engine.principal("nobody", Set.of("ldap-group"), Optional.empty()).groups())
                .containsExactlyInAnyOrder("ldap-group", "public");
        assertThat(user("alice").clientAddress()).contains("10.0.0.7");
    }

    @Test
    void allowsByGroupWithThePolicyThatDecided() {
        AccessDecision decision = engine.check(user("alice"), HiveResource.column("sales", "orders", "amount"),
                AccessType.SELECT);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.policyId()).hasValue(10);
        assertThat(select("alice", HiveResource.table("sales", "orders"))).isTrue();
        assertThat(select("alice", HiveResource.table("SALES", "Orders"))).as("names match case-insensitively")
                .isTrue();
    }

    @Test
    void allowExceptionTakesAUserOutOfAnAllowedGroup() {
        assertThat(select("mallory", HiveResource.column("sales", "orders", "amount"))).isFalse();
    }

    @Test
    void deniesByDefault() {
        AccessDecision decision = engine.check(user("nobody"), HiveResource.table("sales", "orders"),
                AccessType.SELECT);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.policyId()).isEmpty();
        assertThat(engine.check(user("alice"), HiveResource.table("sales", "orders"), AccessType.DROP).allowed())
                .isFalse();
        assertThat(select("alice", HiveResource.table("hr", "salaries"))).isFalse();
    }

    @Test
    void rolesOfTheRolesFileGrantToTheirUsersAndGroups() {
        HiveResource roleTable = HiveResource.column("sales", "roletable", "x");
        assertThat(select("rita", roleTable)).isTrue();
        assertThat(engine.check(engine.principal("gus", Set.of("clerks"), Optional.empty()), roleTable,
                AccessType.SELECT).policyId()).hasValue(14);
        assertThat(select("pat", roleTable)).isFalse();
    }

    @Test
    void otherAccessTypesFollowTheirPolicies() {
        assertThat(engine.check(user("alice"), HiveResource.table("sales", "orders"), AccessType.UPDATE).allowed())
                .isTrue();
        assertThat(engine.check(user("alice"), HiveResource.table("sales", "orders"), AccessType.ALTER).policyId())
                .hasValue(15);
        assertThat(engine.check(user("alice"), HiveResource.table("sales", "lines"), AccessType.UPDATE).allowed())
                .isFalse();
    }

    @Test
    void publicGroupCoversEveryone() {
        assertThat(select("nobody", HiveResource.column("open", "anything", "x"))).isTrue();
        assertThat(engine.check(user("nobody"), HiveResource.column("open", "anything", "x"), AccessType.SELECT)
                .policyId()).hasValue(12);
    }

    @Test
    void columnLevelDenyWithDenyException() {
        AccessDecision secret = engine.check(user("alice"), HiveResource.column("sales", "orders", "secret"),
                AccessType.SELECT);
        assertThat(secret.allowed()).isFalse();
        assertThat(secret.policyId()).hasValue(11);
        assertThat(select("alice", HiveResource.column("sales", "orders", "amount"))).isTrue();
        assertThat(select("carol", HiveResource.column("sales", "orders", "secret"))).as("deny exception").isTrue();
    }

    @Test
    void checkTableIsAllowedWithAccessToAnyColumn() {
        // pat may read one column of sales.partial: the table itself is not granted, but a statement that names no
        // column (count(*)) is allowed, as Ranger's Hive authorizer decides it.
        assertThat(select("pat", HiveResource.table("sales", "partial"))).isFalse();
        AccessDecision table = engine.checkTable(user("pat"), "sales", "partial", AccessType.SELECT);
        assertThat(table.allowed()).isTrue();
        assertThat(table.policyId()).hasValue(13);
        assertThat(table.resource()).isEqualTo(HiveResource.table("sales", "partial"));
        assertThat(engine.checkTable(user("pat"), "sales", "orders", AccessType.SELECT).allowed()).isFalse();
        assertThat(engine.checkTable(user("nobody"), "sales", "partial", AccessType.SELECT).allowed()).isFalse();
        assertThat(engine.hasAnyAccess(user("pat"), HiveResource.table("sales", "partial"))).isTrue();
        assertThat(engine.hasAnyAccess(user("pat"), HiveResource.database("sales"))).isTrue();
        assertThat(engine.hasAnyAccess(user("pat"), HiveResource.table("sales", "orders"))).isFalse();
        // A deny on one column does not deny the table.
        assertThat(engine.checkTable(user("alice"), "sales", "orders", AccessType.SELECT).allowed()).isTrue();
    }

    @Test
    void urlsAreResourcesOfTheirOwn() {
        assertThat(engine.check(user("loader"), HiveResource.url("file:///staging/day1/part-0.parquet"),
                AccessType.READ).allowed()).isTrue();
        assertThat(engine.check(user("alice"), HiveResource.url("file:///staging/day1/part-0.parquet"),
                AccessType.READ).allowed()).isFalse();
        assertThat(engine.check(user("loader"), HiveResource.url("file:///warehouse/x"), AccessType.READ).allowed())
                .isFalse();
        assertThat(engine.check(user("loader"), HiveResource.url("file:///staging/x"), AccessType.WRITE).allowed())
                .isFalse();
    }

    @Test
    void adminsAreSuperUsersAndNeverFilteredOrMasked() {
        Principal root = user("root");
        Principal dba = engine.principal("dbuser", Set.of("dba"), Optional.empty());
        assertThat(engine.isAdmin(root)).isTrue();
        assertThat(engine.isAdmin(dba)).isTrue();
        assertThat(engine.isAdmin(user("alice"))).isFalse();
        assertThat(engine.check(root, HiveResource.table("hr", "salaries"), AccessType.DROP).allowed()).isTrue();
        assertThat(engine.check(dba, HiveResource.url("file:///anywhere"), AccessType.WRITE).allowed()).isTrue();
        assertThat(engine.rowFilter(root, "sales", "customers")).isEmpty();
        assertThat(engine.masks(root, "sales", "customers", List.of("m_mask", "m_hash"))).isEmpty();
    }

    @Test
    void rowFilterAsWrittenForTheGroupItNames() {
        assertThat(engine.rowFilter(user("alice"), "sales", "customers"))
                .contains(new RowFilter("region = 'EU' AND owner = current_user()", 20));
        assertThat(engine.rowFilter(user("alice"), "sales", "orders")).isEmpty();
        assertThat(engine.rowFilter(user("pat"), "sales", "customers")).isEmpty();
    }

    @Test
    void everyMaskTypeForTheGroupItNames() {
        List<String> columns = List.of("id", "m_mask", "m_last4", "m_first4", "m_hash", "m_null", "m_none", "m_date",
                "m_custom");
        assertThat(engine.masks(user("alice"), "sales", "customers", columns)).containsExactly(
                new ColumnMask("m_mask", MaskType.MASK, Optional.empty(), 21),
                new ColumnMask("m_last4", MaskType.MASK_SHOW_LAST_4, Optional.empty(), 22),
                new ColumnMask("m_first4", MaskType.MASK_SHOW_FIRST_4, Optional.empty(), 23),
                new ColumnMask("m_hash", MaskType.MASK_HASH, Optional.empty(), 24),
                new ColumnMask("m_null", MaskType.MASK_NULL, Optional.empty(), 25),
                new ColumnMask("m_date", MaskType.MASK_DATE_SHOW_YEAR, Optional.empty(), 27),
                new ColumnMask("m_custom", MaskType.CUSTOM, Optional.of("concat(substr({col}, 1, 2), '**')"), 28));
        assertThat(engine.masks(user("pat"), "sales", "customers", columns)).isEmpty();
        assertThat(engine.masks(user("alice"), "sales", "orders", List.of("m_mask"))).isEmpty();
    }

    @Test
    void decisionsAreFast() {
        Principal alice = user("alice");
        HiveResource column = HiveResource.column("sales", "orders", "amount");
        List<String> masked = List.of("m_mask", "m_hash");
        long cached = nanosPerRound(engine, alice, column, masked);
        long evaluated;
        try (PolicyEngine uncached = PolicyEngine.open(Settings.of(Map.of(
                "lakegate.policy.file", dir.resolve("policies.json").toString(),
                "lakegate.policy.cache-size", "0")))) {
            evaluated = nanosPerRound(uncached, uncached.principal("alice", Set.of("staff"), Optional.empty()), column,
                    masked);
        }
        LOG.info("check + rowFilter + masks of 2 columns: {} ns from the cache, {} ns evaluated by Ranger", cached,
                evaluated);
        assertThat(cached).isLessThan(evaluated);
        assertThat(evaluated).isLessThan(2_000_000);
    }

    private static long nanosPerRound(PolicyEngine engine, Principal principal, HiveResource column,
            List<String> masked) {
        int rounds = 20_000;
        for (int i = 0; i < rounds; i++) {
            assertThat(engine.check(principal, column, AccessType.SELECT).allowed()).isTrue();
            engine.rowFilter(principal, "sales", "customers");
            engine.masks(principal, "sales", "customers", masked);
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            engine.check(principal, column, AccessType.SELECT);
            engine.rowFilter(principal, "sales", "customers");
            engine.masks(principal, "sales", "customers", masked);
        }
        return (System.nanoTime() - start) / rounds;
    }
}
