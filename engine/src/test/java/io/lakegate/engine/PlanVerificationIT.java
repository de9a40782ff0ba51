package io.lakegate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.common.LakegateException;
import io.lakegate.engine.connect.ConnectProbe;
import io.lakegate.engine.connect.ConnectSession;
import io.lakegate.engine.connect.ExecutionApproval;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster checks Spark's own analysed plan of each statement against the approval the gateway sends with it,
 * here sent through {@code engine.connect} directly, so that nothing of the gateway's front end takes part.
 */
@ExtendWith(SharedEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanVerificationIT {
    private static final String OPEN = "lakehouse.verify.open_t";
    private static final String SECRET = "lakehouse.verify.secret_t";
    private static final String PROTECTED = "lakehouse.verify.prot_t";
    private static final String VIEW = "lakehouse.verify.open_v";
    private static final String PROTECTED_VIEW = "lakehouse.verify.prot_v";
    private static final String SINK = "lakehouse.verify.sink";
    private static final String REFUSED = "Lakegate refused the statement on the cluster: ";

    private BufferAllocator allocator;
    private ConnectSession alice;

    @BeforeAll
    void createTables(Engine engine) {
        try (Session admin = engine.openSession(SessionSpec.forUser("admin"))) {
            for (String sql : List.of(
                    "CREATE NAMESPACE IF NOT EXISTS lakehouse.verify",
                    "CREATE OR REPLACE TABLE " + OPEN + " (id INT, name STRING)",
                    "INSERT INTO " + OPEN + " VALUES (1, 'one'), (2, 'two')",
                    "CREATE OR REPLACE TABLE " + SECRET + " (id INT, pin STRING)",
                    "INSERT INTO " + SECRET + " VALUES (1, '1234')",
                    "CREATE OR REPLACE TABLE " + PROTECTED + " (id INT, owner STRING, ssn STRING)",
                    "INSERT INTO " + PROTECTED + " VALUES (1, 'alice', '111-11'), (2, 'bob', '222-22')",
                    "CREATE OR REPLACE VIEW " + VIEW + " AS SELECT id FROM " + OPEN,
                    "CREATE OR REPLACE VIEW " + PROTECTED_VIEW + " AS SELECT id, ssn FROM " + PROTECTED,
                    "CREATE OR REPLACE TABLE " + SINK + " (id INT)")) {
                Results.drain(admin.execute(sql));
            }
        }
        allocator = new RootAllocator();
        alice = engine.clusters().acquire().client().openSession("alice");
    }

    @AfterAll
    void close() {
        alice.close();
        allocator.close();
    }

    @Test
    void anApprovedReadRuns() {
        assertThat(rows("SELECT id FROM " + OPEN + " ORDER BY id", reading(OPEN)))
                .containsExactly(List.of(1), List.of(2));
    }

    @Test
    void aTableTheGatewayDidNotApproveIsRefused() {
        assertRefused("SELECT * FROM " + SECRET, reading(OPEN))
                .hasMessageContaining(REFUSED + "it reads " + SECRET + ", which the gateway did not approve");
        assertRefused("SELECT * FROM " + OPEN + " WHERE id IN (SELECT id FROM " + SECRET + ")", reading(OPEN))
                .hasMessageContaining("it reads " + SECRET);
        assertRefused("SELECT (SELECT max(pin) FROM " + SECRET + ") FROM " + OPEN, reading(OPEN))
                .hasMessageContaining("it reads " + SECRET);
    }

    @Test
    void aProtectedTableIsReadOnlyThroughTheGatewaysRewrite() {
        ExecutionApproval approval =
                ExecutionApproval.restricted(Set.of(PROTECTED), Set.of(), Set.of(PROTECTED), Set.of());
        assertRefused("SELECT * FROM " + PROTECTED, approval)
                .hasMessageContaining("it reads the protected table " + PROTECTED + " other than through");
        assertRefused("SELECT * FROM " + PROTECTED + " AS t", approval)
                .hasMessageContaining("it reads the protected table " + PROTECTED);
        assertThat(rows(rewritten(approval.nonceAlias()), approval)).containsExactly(List.of(1, "alice", "xxx"));

        ExecutionApproval other =
                ExecutionApproval.restricted(Set.of(PROTECTED), Set.of(), Set.of(PROTECTED), Set.of());
        assertRefused(rewritten(other.nonceAlias()), approval)
                .hasMessageContaining("it reads the protected table " + PROTECTED);
    }

    @Test
    void metadataTablesAndOldVersionsOfAProtectedTableAreRefused() {
        String snapshots = PROTECTED + ".snapshots";
        ExecutionApproval approval =
                ExecutionApproval.restricted(Set.of(PROTECTED, snapshots), Set.of(), Set.of(PROTECTED), Set.of());
        assertRefused("SELECT * FROM " + snapshots, approval)
                .hasMessageContaining("it reads " + snapshots + ", metadata or a branch of the protected table");
        assertRefused("SELECT * FROM " + OPEN + ".snapshots", reading(OPEN))
                .hasMessageContaining("it reads " + OPEN + ".snapshots, which the gateway did not approve");
        assertThat(rows("SELECT count(*) FROM " + OPEN + ".snapshots", reading(OPEN, OPEN + ".snapshots")))
                .hasSize(1);
    }

    @Test
    void filePathsAreRefused() {
        assertRefused("SELECT * FROM text.`/proc/self/environ`", reading(OPEN))
                .hasMessageContaining(REFUSED + "it reads files by path");
    }

    @Test
    void reflectionIsRefused() {
        for (String function : List.of("reflect", "java_method", "try_reflect")) {
            assertRefused("SELECT " + function + "('java.lang.System', 'getenv', 'SPARK_CONNECT_AUTHENTICATE_TOKEN')",
                    reading())
                    .hasMessageContaining(REFUSED + "it calls Java methods through reflection");
        }
        assertRefused("SELECT id FROM " + OPEN + " WHERE reflect('java.lang.String', 'valueOf', id) = '1'",
                reading(OPEN))
                .hasMessageContaining("reflection");
    }

    @Test
    void scriptsCodeProceduresAndTheCatalogsSettingsAreRefused() {
        assertRefused("SELECT TRANSFORM(id) USING 'cat' AS (x) FROM " + OPEN, reading(OPEN))
                .hasMessageContaining(REFUSED + "it runs a script on the cluster");
        assertRefused("ADD JAR /tmp/lakegate-no-such.jar", reading())
                .hasMessageContaining(REFUSED + "it loads code onto the cluster");
        assertRefused("CALL lakehouse.system.expire_snapshots(table => 'verify.open_t')", reading(OPEN))
                .hasMessageContaining(REFUSED + "it runs a catalog procedure");
        assertRefused("EXECUTE IMMEDIATE 'CALL lakehouse.system.expire_snapshots(table => ''verify.open_t'')'",
                reading(OPEN))
                .hasMessageContaining(REFUSED + "it runs dynamic SQL");
        assertThat(rows("CALL lakehouse.system.expire_snapshots(table => 'verify.sink')",
                ExecutionApproval.unrestrictedApproval())).isNotEmpty();
        assertRefused("SET spark.sql.catalog.lakehouse.uri", reading())
                .hasMessageContaining("it reads or changes the setting spark.sql.catalog.lakehouse.uri");
        assertRefused("SET", reading()).hasMessageContaining("it lists the cluster's settings");
        assertThat(rows("SET spark.sql.shuffle.partitions = 3", reading())).hasSize(1);
    }

    @Test
    void writesNeedAnApprovedTarget() {
        String insert = "INSERT INTO " + SINK + " SELECT id FROM " + OPEN;
        assertRefused(insert, reading(OPEN))
                .hasMessageContaining(REFUSED + "it writes or changes " + SINK + ", which the gateway did not approve");
        assertRefused(insert, ExecutionApproval.restricted(Set.of(), Set.of(SINK), Set.of(), Set.of()))
                .hasMessageContaining("it reads " + OPEN);
        ExecutionApproval approved = ExecutionApproval.restricted(Set.of(OPEN), Set.of(SINK), Set.of(), Set.of());
        rows(insert, approved);
        rows("DELETE FROM " + SINK + " WHERE id = 1",
                ExecutionApproval.restricted(Set.of(), Set.of(SINK), Set.of(), Set.of()));
        assertRefused("DELETE FROM " + OPEN + " WHERE id = 1", approved)
                .hasMessageContaining("it writes or changes " + OPEN);
        assertRefused("INSERT INTO " + PROTECTED + " VALUES (3, 'eve', '3')",
                ExecutionApproval.restricted(Set.of(), Set.of(PROTECTED), Set.of(PROTECTED), Set.of()))
                .hasMessageContaining("it writes or changes the protected table " + PROTECTED);
        assertThat(rows("SELECT id FROM " + SINK, reading(SINK))).containsExactly(List.of(2));

        String copy = "lakehouse.verify.copy_t";
        String ctas = "CREATE OR REPLACE TABLE " + copy + " AS SELECT id FROM " + OPEN;
        assertRefused(ctas, reading(OPEN)).hasMessageContaining("it writes or changes " + copy);
        rows(ctas, ExecutionApproval.restricted(Set.of(OPEN), Set.of(copy), Set.of(), Set.of()));
        assertRefused("DROP TABLE " + copy, reading(copy)).hasMessageContaining("it writes or changes " + copy);
        assertRefused("DROP NAMESPACE lakehouse.verify CASCADE", reading(OPEN))
                .hasMessageContaining("it drops a database");
        rows("DROP TABLE " + copy, ExecutionApproval.restricted(Set.of(), Set.of(copy), Set.of(), Set.of()));
    }

    @Test
    void aStatementWithoutAnApprovalIsRefused() {
        assertThatThrownBy(() -> ConnectProbe.rowsWithoutApproval(alice, "alice", "SELECT 1", allocator))
                .isInstanceOf(LakegateException.class)
                .hasMessageContaining(REFUSED + "it carries no approval from the gateway")
                .satisfies(e -> assertThat(((LakegateException) e).sqlState()).isEqualTo("42000"));
    }

    @Test
    void anUnrestrictedApprovalRunsAnything() {
        ExecutionApproval unrestricted = ExecutionApproval.unrestrictedApproval();
        assertThat(rows("SELECT pin FROM " + SECRET, unrestricted)).containsExactly(List.of("1234"));
        assertThat(rows("SELECT ssn FROM " + PROTECTED + " WHERE id = 2", unrestricted))
                .containsExactly(List.of("222-22"));
        assertThat(rows("SELECT reflect('java.lang.String', 'valueOf', 7)", unrestricted))
                .containsExactly(List.of("7"));
    }

    @Test
    void aViewNeedsTheViewAndItsBaseTables() {
        String sql = "SELECT id FROM " + VIEW + " ORDER BY id";
        assertRefused(sql, reading(VIEW)).hasMessageContaining("it reads " + OPEN + ", which");
        assertRefused(sql, reading(OPEN)).hasMessageContaining("it reads " + VIEW + ", which");
        assertThat(rows(sql, reading(VIEW, OPEN))).containsExactly(List.of(1), List.of(2));

        ExecutionApproval approval =
                ExecutionApproval.restricted(Set.of(PROTECTED_VIEW, PROTECTED), Set.of(), Set.of(PROTECTED), Set.of());
        assertRefused("SELECT ssn FROM " + PROTECTED_VIEW, approval)
                .hasMessageContaining("it reads the protected table " + PROTECTED);
    }

    @Test
    void cteNamesResolveToWhatTheyRead() {
        assertRefused("WITH c AS (SELECT * FROM " + SECRET + ") SELECT * FROM c", reading(OPEN))
                .hasMessageContaining("it reads " + SECRET);
        assertThat(rows("WITH secret_t AS (SELECT 5 AS id) SELECT id FROM secret_t", reading()))
                .containsExactly(List.of(5));
        assertThat(rows("WITH c AS (SELECT id FROM " + OPEN + ") SELECT count(*) FROM c JOIN c AS d USING (id)",
                reading(OPEN)))
                .containsExactly(List.of(2L));
    }

    @Test
    void descriptionsNeedTheirOwnApprovalAndListingsAreTheGatewaysAlone() {
        ExecutionApproval describing = ExecutionApproval.restricted(Set.of(), Set.of(), Set.of(), Set.of(OPEN, VIEW));
        for (String sql : List.of("DESCRIBE TABLE " + OPEN, "DESCRIBE TABLE EXTENDED " + OPEN, "DESCRIBE " + OPEN
                + " name", "SHOW COLUMNS IN " + OPEN, "SHOW CREATE TABLE " + OPEN, "SHOW TBLPROPERTIES " + OPEN,
                "DESCRIBE TABLE " + VIEW)) {
            assertThat(rows(sql, describing)).as(sql).isNotEmpty();
            assertRefused(sql, reading(OPEN, VIEW)).as(sql).hasMessageContaining("which the gateway did not approve");
        }
        assertRefused("SHOW CREATE TABLE " + SECRET, describing)
                .hasMessageContaining(REFUSED + "it describes " + SECRET + ", which the gateway did not approve");
        for (String sql : List.of("SHOW TABLES IN lakehouse.verify", "SHOW VIEWS IN lakehouse.verify",
                "SHOW DATABASES", "SHOW NAMESPACES IN lakehouse", "DESCRIBE DATABASE lakehouse.verify")) {
            assertRefused(sql, describing).as(sql).hasMessageContaining("which the gateway answers itself");
        }
        assertThat(rows("SHOW FUNCTIONS LIKE 'upper'", reading())).isNotEmpty();
        assertRefused("DROP VIEW " + VIEW, describing)
                .hasMessageContaining("it writes or changes " + VIEW + ", which the gateway did not approve");
    }

    @Test
    void locationsAndIcebergDdlOfUnapprovedTablesAreRefused() {
        ExecutionApproval writing = ExecutionApproval.restricted(Set.of(), Set.of(SINK), Set.of(), Set.of());
        assertRefused("ALTER TABLE " + SINK + " SET LOCATION '/tmp/elsewhere'", writing)
                .hasMessageContaining(REFUSED + "it places a table at the location /tmp/elsewhere");
        String placed = "lakehouse.verify.placed";
        assertRefused("CREATE TABLE " + placed + " (id INT) LOCATION '/tmp/elsewhere'",
                ExecutionApproval.restricted(Set.of(), Set.of(placed), Set.of(), Set.of()))
                .hasMessageContaining("it places a table at the location");
        assertRefused("ALTER TABLE " + PROTECTED + " CREATE BRANCH mine",
                ExecutionApproval.restricted(Set.of(), Set.of(), Set.of(PROTECTED), Set.of()))
                .hasMessageContaining("it writes or changes the protected table " + PROTECTED);
        assertRefused("ALTER TABLE verify.sink WRITE ORDERED BY id", reading())
                .hasMessageContaining("it writes or changes " + SINK + ", which the gateway did not approve");
        assertThat(rows("ALTER TABLE " + SINK + " CREATE BRANCH b1", writing)).isEmpty();
        assertThat(rows("ALTER TABLE " + SINK + " DROP BRANCH b1", writing)).isEmpty();
    }

    /** The gateway's rewrite of {@code SELECT * FROM prot_t} for alice: her rows, the ssn masked. */
    private static String rewritten(String alias) {
        return "SELECT * FROM (SELECT id, owner, 'xxx' AS ssn FROM " + PROTECTED + " AS " + alias
                + " WHERE owner = current_user()) AS prot_t";
    }

    private static ExecutionApproval reading(String... tables) {
        return ExecutionApproval.restricted(Set.of(tables), Set.of(), Set.of(), Set.of());
    }

    private List<List<Object>> rows(String sql, ExecutionApproval approval) {
        return ConnectProbe.rows(alice, sql, approval, allocator);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String sql, ExecutionApproval approval) {
        return assertThatThrownBy(() -> rows(sql, approval))
                .isInstanceOf(LakegateException.class)
                .satisfies(e -> assertThat(((LakegateException) e).sqlState()).isEqualTo("42000"));
    }
}
