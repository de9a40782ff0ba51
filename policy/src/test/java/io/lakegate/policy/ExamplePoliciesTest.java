package io.lakegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.common.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/examples: the README's policies over the samples database (TPC-H), as the integration tests use them. */
class ExamplePoliciesTest {
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");
    private static final List<String> CUSTOMER = List.of("c_custkey", "c_name", "c_address", "c_nationkey", "c_phone",
            "c_acctbal", "c_mktsegment", "c_comment");
    private static PolicyEngine engine;

    @BeforeAll
    static void open() {
        engine = PolicyEngine.open(Settings.of(Map.of(
                "lakegate.policy.file", EXAMPLES.resolve("policies.json").toString(),
                "lakegate.policy.users-file", EXAMPLES.resolve("users").toString(),
                "lakegate.policy.admin-users", "admin")));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static Principal user(String name) {
        return engine.principal(name, Set.of(), Optional.empty());
    }

    @Test
    void analystsReadSamplesFilteredAndMaskedWithoutAddresses() {
        Principal alice = user("alice");
        assertThat(alice.groups()).containsExactlyInAnyOrder("analysts", "public");
        for (String table : List.of("customer", "orders", "lineitem", "nation", "region", "part", "partsupp",
                "supplier")) {
            assertThat(engine.checkTable(alice, "samples", table, AccessType.SELECT).allowed()).as(table).isTrue();
        }
        assertThat(engine.check(alice, HiveResource.column("samples", "orders", "o_totalprice"), AccessType.SELECT)
                .allowed()).isTrue();
        assertThat(engine.check(alice, HiveResource.column("samples", "customer", "c_address"), AccessType.SELECT)
                .allowed()).isFalse();
        assertThat(engine.check(alice, HiveResource.column("samples", "customer", "c_phone"), AccessType.SELECT)
                .allowed()).isTrue();
        assertThat(engine.check(alice, HiveResource.table("samples", "orders"), AccessType.DROP).allowed()).isFalse();
        assertThat(engine.rowFilter(alice, "samples", "customer")).contains(new RowFilter("c_nationkey < 5", 3));
        assertThat(engine.rowFilter(alice, "samples", "orders")).isEmpty();
        assertThat(engine.masks(alice, "samples", "customer", CUSTOMER)).containsExactly(
                new ColumnMask("c_name", MaskType.MASK_HASH, Optional.empty(), 5),
                new ColumnMask("c_phone", MaskType.MASK_SHOW_LAST_4, Optional.empty(), 4));
    }

    @Test
    void anyAccessDecidesUseAndListings() {
        assertThat(engine.hasAnyAccess(user("alice"), HiveResource.database("samples"))).isTrue();
        assertThat(engine.hasAnyAccess(user("alice"), HiveResource.table("samples", "customer"))).isTrue();
        assertThat(engine.hasAnyAccess(user("alice"), HiveResource.database("default"))).isFalse();
        assertThat(engine.hasAnyAccess(user("mallory"), HiveResource.database("samples"))).isFalse();
        assertThat(engine.hasAnyAccess(user("admin"), HiveResource.database("default"))).isTrue();
    }

    @Test
    void auditorsSeeEverythingUnmasked() {
        Principal bob = user("bob");
        assertThat(engine.check(bob, HiveResource.column("samples", "customer", "c_address"), AccessType.SELECT)
                .allowed()).isTrue();
        assertThat(engine.rowFilter(bob, "samples", "customer")).isEmpty();
        assertThat(engine.masks(bob, "samples", "customer", CUSTOMER)).isEmpty();
        assertThat(engine.check(bob, HiveResource.table("samples", "customer"), AccessType.UPDATE).allowed())
                .isFalse();
    }

    @Test
    void adminMayDoAnythingAndOthersNothing() {
        Principal admin = user("admin");
        assertThat(engine.isAdmin(admin)).isTrue();
        assertThat(engine.check(admin, HiveResource.table("samples", "customer"), AccessType.DROP).allowed()).isTrue();
        assertThat(engine.check(admin, HiveResource.url("file:///tmp/x"), AccessType.READ).allowed()).isTrue();
        assertThat(engine.masks(admin, "samples", "customer", CUSTOMER)).isEmpty();
        Principal mallory = user("mallory");
        assertThat(engine.checkTable(mallory, "samples", "customer", AccessType.SELECT).allowed()).isFalse();
        assertThat(engine.check(user("alice"), HiveResource.url("file:///tmp/x"), AccessType.READ).allowed())
                .isFalse();
    }
}
