package io.lakegate.engine.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

/** Which columns of each reference a statement uses, against a small catalog of known schemas. */
class ColumnUseTest {
    private static final SessionContext SESSION = new SessionContext("lakehouse", "sales", Set.of("recent"));
    private static final Map<String, List<String>> TABLES = Map.of(
            "customer", List.of("c_custkey", "c_name", "c_address", "c_phone"),
            "orders", List.of("o_orderkey", "o_custkey", "o_total", "o_comment"),
            "t", List.of("a", "b", "c", "arr", "m", "s"),
            "u", List.of("a", "k", "d"),
            "w", List.of("k", "e", "f"),
            "target", List.of("id", "v", "y"),
            "updates", List.of("id", "v", "x"));
    /** Knows the tables above in the session's database; every other table is unknown. */
    private static final SchemaResolver SCHEMAS = table -> table.catalog().equals("lakehouse")
            && table.database().equals("sales") ? Optional.ofNullable(TABLES.get(table.table())) : Optional.empty();
    private final FrontEnd frontEnd = new FrontEnd(ViewResolver.NONE, SCHEMAS);

    @Test
    void namedColumnsOnly() {
        assertThat(uses("SELECT c_name FROM customer")).containsExactly(Map.entry("customer", columns("c_name")));
        assertThat(uses("SELECT C_Name FROM sales.Customer WHERE `c_phone` LIKE '1%' ORDER BY c_address"))
                .containsExactly(Map.entry("customer", columns("c_name", "c_phone", "c_address")));
    }

    @Test
    void starsAndExplicitTableUseEverything() {
        assertThat(uses("SELECT * FROM customer")).containsExactly(Map.entry("customer", all()));
        assertThat(uses("SELECT o.o_total, c.* FROM orders o JOIN customer c ON o.o_custkey = c.c_custkey"))
                .containsOnly(Map.entry("orders", columns("o_total", "o_custkey")), Map.entry("customer", all()));
        assertThat(uses("TABLE customer")).containsExactly(Map.entry("customer", all()));
        assertThat(uses("SELECT to_json(struct(*)) FROM customer")).containsExactly(Map.entry("customer", all()));
        assertThat(uses("SELECT count(*) FROM customer")).containsExactly(Map.entry("customer", columns()));
        assertThat(uses("SELECT count(*) FROM customer WHERE EXISTS (SELECT 1 FROM orders)"))
                .containsOnly(Map.entry("customer", columns()), Map.entry("orders", columns()));
    }

    @Test
    void joinsUsingAndNatural() {
        assertThat(uses("SELECT d FROM u JOIN w USING (k)"))
                .containsOnly(Map.entry("u", columns("k", "d")), Map.entry("w", columns("k")));
        assertThat(uses("SELECT * FROM u LEFT SEMI JOIN w ON u.k = w.k AND w.e > 0"))
                .containsOnly(Map.entry("u", all()), Map.entry("w", columns("k", "e")));
        assertThat(uses("SELECT e FROM u NATURAL JOIN w"))
                .containsOnly(Map.entry("u", columns("k")), Map.entry("w", columns("k", "e")));
    }

    @Test
    void unqualifiedNameInTwoTablesIsBoth() {
        assertThat(uses("SELECT a FROM t, u")).containsOnly(Map.entry("t", columns("a")), Map.entry("u", columns("a")));
        assertThat(uses("SELECT sales.t.a, lakehouse.sales.u.k FROM t, u")).containsOnly(
                Map.entry("t", columns("a")), Map.entry("u", columns("k")));
        assertThat(uses("SELECT t.a, b FROM t, u")).containsOnly(Map.entry("t", columns("a", "b")),
                Map.entry("u", columns()));
    }

    @Test
    void correlatedSubqueryReachesTheOuterTable() {
        assertThat(uses("SELECT c_name FROM customer WHERE EXISTS "
                + "(SELECT 1 FROM orders WHERE o_custkey = c_custkey AND o_total > 10)")).containsOnly(
                Map.entry("customer", columns("c_name", "c_custkey")),
                Map.entry("orders", columns("o_custkey", "o_total")));
        // The inner level's own column wins over the outer's.
        assertThat(uses("SELECT a FROM t WHERE b IN (SELECT a FROM u)"))
                .containsOnly(Map.entry("t", columns("a", "b")), Map.entry("u", columns("a")));
    }

    @Test
    void cteAndDerivedColumnsMapBackToWhatDefinesThem() {
        assertThat(uses("WITH big AS (SELECT o_custkey AS who, o_total * 2 AS twice, o_comment FROM orders "
                + "WHERE o_total > 5) SELECT who FROM big")).containsExactly(
                Map.entry("orders", columns("o_total", "o_custkey")));
        assertThat(uses("SELECT x.twice FROM (SELECT o_total * 2 AS twice, o_comment FROM orders) AS x"))
                .containsExactly(Map.entry("orders", columns("o_total")));
        assertThat(uses("SELECT q FROM (SELECT a, b FROM t) AS x (p, q)")).containsExactly(
                Map.entry("t", columns("b")));
        assertThat(uses("SELECT count(*) FROM (SELECT * FROM customer) x")).containsExactly(
                Map.entry("customer", columns()));
        assertThat(uses("SELECT c_name FROM (SELECT * FROM customer) x")).containsExactly(
                Map.entry("customer", columns("c_name")));
        assertThat(uses("SELECT * FROM (SELECT DISTINCT c_name, c_phone FROM customer) x")).containsExactly(
                Map.entry("customer", columns("c_name", "c_phone")));
    }

    @Test
    void lambdaVariablesAreNoColumns() {
        assertThat(uses("SELECT transform(arr, a -> a + c) FROM t")).containsExactly(
                Map.entry("t", columns("arr", "c")));
        assertThat(uses("SELECT filter(arr, (x, i) -> x.f > i AND b > 0) FROM t")).containsExactly(
                Map.entry("t", columns("arr", "b")));
    }

    @Test
    void structFieldsAreTheirColumn() {
        assertThat(uses("SELECT s.x.y, t.s.z FROM t WHERE s.x > 1")).containsExactly(Map.entry("t", columns("s")));
    }

    @Test
    void lateralViewAndOtherHiddenClausesCount() {
        assertThat(uses("SELECT a, e FROM t LATERAL VIEW explode(arr) x AS e")).containsExactly(
                Map.entry("t", columns("a", "arr")));
        // The generator's alias and column names are no columns, even where the table has columns of those names.
        assertThat(uses("SELECT c FROM t LATERAL VIEW explode(arr) b AS m")).containsExactly(
                Map.entry("t", columns("c", "arr")));
        assertThat(uses("SELECT a FROM t LATERAL VIEW OUTER explode(m) x AS k, v WHERE b > 1 DISTRIBUTE BY c"))
                .containsExactly(Map.entry("t", columns("a", "b", "m", "c")));
        assertThat(uses("SELECT a FROM t WHERE a IN (SELECT k FROM u SORT BY d)"))
                .containsOnly(Map.entry("t", columns("a")), Map.entry("u", columns("k", "d")));
    }

    @Test
    void windowsGroupingAndOrdering() {
        assertThat(uses("SELECT rank() OVER (PARTITION BY a ORDER BY b), sum(c) OVER w FROM t "
                + "WINDOW w AS (PARTITION BY m)")).containsExactly(Map.entry("t", columns("a", "b", "c", "m")));
        assertThat(uses("SELECT upper(c_name) AS n, count(*) FROM customer GROUP BY n HAVING n > 'a'"))
                .containsExactly(Map.entry("customer", columns("c_name")));
        assertThat(uses("SELECT x.n FROM (SELECT c_name AS n, c_phone FROM customer ORDER BY 2) x"))
                .containsExactly(Map.entry("customer", columns("c_name", "c_phone")));
        assertThat(uses("SELECT c_name FROM customer GROUP BY 1 ORDER BY c_phone"))
                .containsExactly(Map.entry("customer", columns("c_name", "c_phone")));
    }

    @Test
    void unknownSchemasUseEverything() {
        assertThat(uses("SELECT a FROM mystery")).containsExactly(Map.entry("mystery", all()));
        assertThat(uses("SELECT x, c_name FROM customer JOIN recent ON c_custkey = id"))
                .containsExactly(Map.entry("customer", columns("c_name", "c_custkey")));
    }

    @Test
    void dml() {
        assertThat(uses("UPDATE target SET v = v + 1 WHERE id IN (SELECT id FROM updates WHERE x > 0)"))
                .containsOnly(Map.entry("target", columns("v", "id")), Map.entry("updates", columns("id", "x")));
        assertThat(uses("DELETE FROM target t WHERE t.y = 2")).containsExactly(Map.entry("target", columns("y")));
        assertThat(uses("INSERT INTO target SELECT o_orderkey, o_comment, 1 FROM orders"))
                .containsExactly(Map.entry("orders", columns("o_orderkey", "o_comment")));
        assertThat(uses("INSERT INTO target (id, v) SELECT o_orderkey, o_comment FROM orders WHERE o_total > 1"))
                .containsOnly(Map.entry("orders", columns("o_orderkey", "o_comment", "o_total")));
        assertThat(uses("INSERT OVERWRITE TABLE target PARTITION (y = 1) SELECT c_custkey, c_name FROM customer"))
                .containsExactly(Map.entry("customer", columns("c_custkey", "c_name")));
    }

    @Test
    void merge() {
        assertThat(uses("MERGE INTO target t USING updates s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v "
                + "WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.x)")).containsOnly(
                Map.entry("target", columns("id", "v")), Map.entry("updates", columns("id", "v", "x")));
        assertThat(uses("MERGE INTO target t USING updates s ON t.id = s.id WHEN MATCHED THEN UPDATE SET * "
                + "WHEN NOT MATCHED THEN INSERT *")).containsOnly(Map.entry("target", all()),
                Map.entry("updates", all()));
        assertThat(uses("MERGE INTO target t USING updates s ON t.id = s.id WHEN MATCHED AND s.x > 0 THEN DELETE"))
                .containsOnly(Map.entry("target", columns("id")), Map.entry("updates", columns("id", "x")));
        assertThat(uses("MERGE INTO target t USING (SELECT id, v FROM updates) s ON t.id = s.id "
                + "WHEN MATCHED THEN UPDATE SET *")).containsOnly(Map.entry("target", all()),
                Map.entry("updates", columns("id", "v")));
    }

    @Test
    void sparkMergeNamesTargetColumnsInItsAssignmentsAndInsertList() {
        assertThat(uses("MERGE INTO target t USING updates s ON t.id = s.id WHEN MATCHED AND s.x > 0 THEN "
                + "UPDATE SET t.y = s.x, v = 1 WHEN NOT MATCHED BY SOURCE THEN DELETE")).containsOnly(
                Map.entry("target", columns("id", "y", "v")), Map.entry("updates", columns("id", "x")));
    }

    @Test
    void lateralColumnAliasesAndStructStars() {
        assertThat(uses("SELECT y FROM (SELECT a + 1 AS x, x * 2 AS y, b FROM t) z"))
                .containsExactly(Map.entry("t", columns("a")));
        assertThat(uses("SELECT s.* FROM t")).containsExactly(Map.entry("t", columns("s")));
        assertThat(uses("SELECT to_json(struct(s.*)) FROM t")).containsExactly(Map.entry("t", columns("s")));
    }

    @Test
    void inlineTablesHoldNoColumns() {
        assertThat(uses("SELECT x.col1 FROM (VALUES (1, 2)) AS x, u WHERE k = 1"))
                .containsExactly(Map.entry("u", columns("k")));
    }

    @Test
    void aReferenceTheWalkDoesNotReachUsesEverything() throws Exception {
        String sql = "SELECT 1";
        TableReference unreached = new TableReference(new TableName("lakehouse", "sales", "t"), 100, 101,
                Optional.empty(), TableReference.Access.READ);
        ColumnUsage used = new ColumnUsage();
        ColumnCollector.collect(SqlParser.create(sql).parseQuery(), new TextPositions(sql, 0), List.of(unreached),
                SCHEMAS, used);
        assertThat(used.toMap()).containsExactly(Map.entry(unreached, new ColumnUse(Set.of(), true)));
    }

    @Test
    void setOperations() {
        assertThat(uses("SELECT a FROM t UNION ALL SELECT k FROM u")).containsOnly(Map.entry("t", columns("a")),
                Map.entry("u", columns("k")));
        assertThat(uses("SELECT x.a FROM (SELECT a, b FROM t UNION ALL SELECT k, d FROM u) x"))
                .containsOnly(Map.entry("t", columns("a")), Map.entry("u", columns("k")));
        assertThat(uses("SELECT x.a FROM (SELECT a, b FROM t UNION SELECT k, d FROM u) x"))
                .containsOnly(Map.entry("t", columns("a", "b")), Map.entry("u", columns("k", "d")));
    }

    private Map<String, ColumnUse> uses(String sql) {
        Analysis analysis = frontEnd.analyze(sql, SESSION);
        assertThat(analysis.parseFailure()).isEmpty();
        Map<String, ColumnUse> uses = new LinkedHashMap<>();
        // Under a star, the columns also named do not matter.
        analysis.columnUse().forEach((reference, use) -> uses.put(reference.table().table(),
                use.allColumns() ? all() : use));
        return uses;
    }

    private static ColumnUse columns(String... names) {
        return new ColumnUse(Set.of(names), false);
    }

    private static ColumnUse all() {
        return new ColumnUse(Set.of(), true);
    }
}
