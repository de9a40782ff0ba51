package io.lakegate.engine.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each case names the tables a statement must be found to touch, with the exact text of each reference. */
class FrontEndTest {
    private static final SessionContext SESSION = new SessionContext("lakehouse", "sales", Set.of("recent"));
    private final FrontEnd frontEnd = new FrontEnd();

    @Test
    void fromJoinAndAliases() {
        Analysis analysis = analyze("SELECT o.id, c.name FROM orders o JOIN crm.customers AS c ON o.cid = c.id");
        assertThat(analysis.type()).isEqualTo(StatementType.QUERY);
        assertThat(written(analysis)).containsExactly("orders", "crm.customers");
        assertThat(analysis.references()).extracting(TableReference::alias)
                .containsExactly(Optional.of("o"), Optional.of("c"));
        assertThat(analysis.tablesRead()).containsExactly(
                new TableName("lakehouse", "sales", "orders"), new TableName("lakehouse", "crm", "customers"));
    }

    @Test
    void subqueriesEverywhere() {
        Analysis analysis = analyze("SELECT (SELECT max(x) FROM a), y FROM b WHERE y IN (SELECT y FROM c) "
                + "AND EXISTS (SELECT 1 FROM d WHERE d.k = b.k) GROUP BY y HAVING count(*) > (SELECT count(*) FROM e)");
        assertThat(written(analysis)).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void cteNamesAreNotTablesButShadowedNamesOutsideTheirScopeAre() {
        Analysis analysis = analyze("WITH orders AS (SELECT * FROM orders WHERE x > 1), big AS (SELECT * FROM orders) "
                + "SELECT * FROM big JOIN orders USING (id) "
                + "UNION ALL SELECT * FROM (WITH t AS (SELECT 1) SELECT * FROM t)");
        assertThat(written(analysis)).containsExactly("orders");
        assertThat(analysis.references().get(0).start()).isEqualTo(analysis.sql().indexOf("FROM orders") + 5);
    }

    @Test
    void recursiveCteSeesItself() {
        assertThat(written(analyze("WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r WHERE n < 3) "
                + "SELECT * FROM r"))).isEmpty();
    }

    @Test
    void temporaryViewsAreTrackedNotWritten() {
        Analysis create = analyze("CREATE OR REPLACE TEMPORARY VIEW Latest AS SELECT * FROM orders");
        assertThat(create.temporaryView()).contains("latest");
        assertThat(create.tablesWritten()).isEmpty();
        assertThat(create.tablesRead()).containsExactly(new TableName("lakehouse", "sales", "orders"));
        Analysis drop = analyze("DROP VIEW IF EXISTS recent");
        assertThat(drop.temporaryView()).contains("recent");
        assertThat(drop.references()).isEmpty();
        assertThat(analyze("DROP VIEW other").tablesWritten()).hasSize(1);
    }

    @Test
    void viewsResolveToTheTablesOfTheirDefinition() {
        TableName recentOrders = new TableName("lakehouse", "sales", "recent_orders");
        TableName loop = new TableName("lakehouse", "sales", "loop");
        SessionContext viewContext = new SessionContext("lakehouse", "sales", Set.of());
        FrontEnd withViews = new FrontEnd(name -> name.equals(recentOrders)
                ? Optional.of(new ViewResolver.ViewText(
                        "SELECT * FROM orders JOIN crm.customers USING (cid) WHERE day > current_date - 7",
                        viewContext))
                : name.equals(loop) ? Optional.of(new ViewResolver.ViewText("SELECT * FROM loop", viewContext))
                : Optional.empty());

        Analysis analysis = withViews.analyze("SELECT * FROM recent_orders r JOIN items i ON r.id = i.oid", SESSION);
        assertThat(analysis.tablesRead()).containsExactly(recentOrders, new TableName("lakehouse", "sales", "items"));
        assertThat(analysis.baseTablesRead()).containsExactly(new TableName("lakehouse", "sales", "orders"),
                new TableName("lakehouse", "crm", "customers"), new TableName("lakehouse", "sales", "items"));
        assertThat(analysis.isUnderstood()).isTrue();

        Analysis cyclic = withViews.analyze("SELECT * FROM loop", SESSION);
        assertThat(cyclic.isUnderstood()).isFalse();
    }

    @Test
    void setOperationsAndExplicitTable() {
        assertThat(written(analyze("SELECT a FROM x UNION SELECT a FROM y INTERSECT SELECT a FROM z")))
                .containsExactly("x", "y", "z");
        assertThat(written(analyze("TABLE lakehouse.db.t"))).containsExactly("lakehouse.db.t");
    }

    @Test
    void namesResolveAsSparkResolvesThem() {
        Analysis analysis = analyze("SELECT * FROM t, db.t2, lakehouse.db.t3, db.t4.snapshots, `My Db`.`odd``name`");
        assertThat(analysis.tablesRead()).containsExactly(
                new TableName("lakehouse", "sales", "t"),
                new TableName("lakehouse", "db", "t2"),
                new TableName("lakehouse", "db", "t3"),
                new TableName("lakehouse", "db", "t4"),
                new TableName("lakehouse", "My Db", "odd`name"));
        assertThat(written(analysis)).contains("`My Db`.`odd``name`");
    }

    @Test
    void temporaryViewsAreNotCatalogTables() {
        assertThat(analyze("SELECT * FROM recent JOIN orders ON recent.id = orders.id").tablesRead())
                .containsExactly(new TableName("lakehouse", "sales", "orders"));
    }

    @Test
    void insertWithSparkHeader() {
        Analysis analysis = analyze("INSERT OVERWRITE TABLE db.target PARTITION (day = '2026-01-01') "
                + "SELECT * FROM source WHERE id IN (SELECT id FROM keep)");
        assertThat(analysis.type()).isEqualTo(StatementType.INSERT);
        assertThat(analysis.tablesWritten()).containsExactly(new TableName("lakehouse", "db", "target"));
        assertThat(written(analysis)).containsExactly("db.target", "source", "keep");
        assertThat(analyze("INSERT INTO t VALUES (1, 'a'), (2, 'b')").tablesWritten()).hasSize(1);
    }

    @Test
    void ctasAndViewsReadTheirQueryAndWriteTheirName() {
        Analysis ctas = analyze("CREATE TABLE IF NOT EXISTS copy USING iceberg TBLPROPERTIES ('a' = 'b') "
                + "AS SELECT * FROM orders");
        assertThat(ctas.type()).isEqualTo(StatementType.CREATE_TABLE_AS_SELECT);
        assertThat(ctas.tablesWritten()).containsExactly(new TableName("lakehouse", "sales", "copy"));
        assertThat(ctas.tablesRead()).containsExactly(new TableName("lakehouse", "sales", "orders"));
        assertThat(analyze("CREATE TABLE plain (id BIGINT, name STRING) USING iceberg").type())
                .isEqualTo(StatementType.CREATE_TABLE);
        Analysis view = analyze("CREATE OR REPLACE VIEW v AS SELECT id FROM orders");
        assertThat(view.type()).isEqualTo(StatementType.CREATE_VIEW);
        assertThat(written(view)).containsExactly("v", "orders");
    }

    @Test
    void standardDml() {
        Analysis merge = analyze("MERGE INTO target t USING (SELECT * FROM updates) u ON t.id = u.id "
                + "WHEN MATCHED THEN UPDATE SET v = u.v WHEN NOT MATCHED THEN INSERT (id, v) VALUES (u.id, u.v)");
        assertThat(merge.isUnderstood()).as(merge.parseFailure().orElse("")).isTrue();
        assertThat(merge.tablesWritten()).containsExactly(new TableName("lakehouse", "sales", "target"));
        assertThat(merge.tablesRead()).containsExactly(new TableName("lakehouse", "sales", "updates"));
        assertThat(analyze("UPDATE t SET a = 1 WHERE b IN (SELECT b FROM s)").tablesRead()).hasSize(1);
        assertThat(analyze("DELETE FROM t WHERE b = 2").tablesWritten()).hasSize(1);
    }

    @Test
    void sparkMergeWithStars() {
        Analysis merge = analyze("MERGE INTO db.target AS t USING updates u ON t.id = u.id "
                + "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
        assertThat(written(merge)).containsExactly("db.target", "updates");
        assertThat(merge.tablesWritten()).containsExactly(new TableName("lakehouse", "db", "target"));
        assertThat(merge.references().get(1).alias()).contains("u");
        assertThat(written(analyze("MERGE INTO t USING (SELECT * FROM s JOIN r USING (k)) src ON t.k = src.k "
                + "WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT *"))).containsExactly("t", "s", "r");
        assertThat(analyze("MERGE INTO t USING s ON t.k = s.k AND s.k IN (SELECT k FROM hidden) "
                + "WHEN MATCHED THEN UPDATE SET *").isUnderstood()).isFalse();
    }

    @Test
    void sparkOnlyClausesThatNameNoTableAreReadAround() {
        assertThat(written(analyze("SELECT k, v FROM t LATERAL VIEW OUTER explode(m) e AS k, v "
                + "JOIN u ON u.k = k DISTRIBUTE BY k SORT BY v"))).containsExactly("t", "u");
        assertThat(written(analyze("SELECT a, count(*) FROM t GROUP BY a WITH ROLLUP CLUSTER BY a")))
                .containsExactly("t");
        assertThat(analyze("SELECT * FROM t DISTRIBUTE BY (SELECT max(a) FROM secret)").isUnderstood()).isFalse();
    }

    @Test
    void classificationOfOtherStatements() {
        assertThat(analyze("USE db").type()).isEqualTo(StatementType.USE);
        assertThat(analyze("SET spark.sql.ansi.enabled = false").type()).isEqualTo(StatementType.SET);
        assertThat(analyze("SHOW TABLES IN db").type()).isEqualTo(StatementType.SHOW);
        assertThat(written(analyze("SHOW CREATE TABLE db.t"))).containsExactly("db.t");
        assertThat(written(analyze("DESCRIBE TABLE EXTENDED db.t"))).containsExactly("db.t");
        assertThat(analyze("DROP TABLE IF EXISTS db.t").tablesWritten()).hasSize(1);
        assertThat(analyze("DROP DATABASE db CASCADE").references()).isEmpty();
        assertThat(analyze("ANALYZE TABLE t COMPUTE STATISTICS").tablesRead()).hasSize(1);
        assertThat(analyze("CALL lakehouse.system.expire_snapshots('db.t')").type()).isEqualTo(StatementType.CALL);
        Analysis explain = analyze("EXPLAIN EXTENDED SELECT * FROM t JOIN u ON t.a = u.a");
        assertThat(explain.type()).isEqualTo(StatementType.EXPLAIN);
        assertThat(explain.tablesRead()).hasSize(2);
    }

    @Test
    void commentsStringsAndSemicolonsDoNotConfuseIt() {
        Analysis analysis = analyze("-- FROM hidden\nSELECT 'FROM x', \"FROM y\" /* FROM z */ FROM\n\tvisible;");
        assertThat(written(analysis)).containsExactly("visible");
    }

    @Test
    void unreadableStatementsSayWhy() {
        Analysis analysis = analyze("SELECT * FROM t TABLESAMPLE (10 PERCENT)");
        assertThat(analysis.isUnderstood()).isFalse();
        assertThat(analysis.parseFailure()).hasValueSatisfying(reason -> assertThat(reason).isNotBlank());
        assertThat(analyze("GRANT SELECT ON t TO bob").parseFailure()).isPresent();
    }

    @Test
    void substitutionReplacesOnlyTheChosenReferencesAndKeepsEverythingElse() {
        Analysis analysis = analyze("SELECT o.id FROM orders o JOIN items ON o.id = items.oid -- keep me");
        String rewritten = analysis.substitute(reference -> reference.alias().isPresent()
                ? Optional.of("(SELECT * FROM " + reference.table().quoted() + ")")
                : Optional.empty());
        assertThat(rewritten).isEqualTo("SELECT o.id FROM (SELECT * FROM `lakehouse`.`sales`.`orders`) o "
                + "JOIN items ON o.id = items.oid -- keep me");
    }

    private Analysis analyze(String sql) {
        return frontEnd.analyze(sql, SESSION);
    }

    /** The text of each reference, as the user wrote it. */
    private static List<String> written(Analysis analysis) {
        assertThat(analysis.isUnderstood()).as("understood: %s", analysis.parseFailure()).isTrue();
        return analysis.references().stream()
                .map(reference -> analysis.sql().substring(reference.start(), reference.end()))
                .toList();
    }

    @Test
    void statementsThatAnswerWithRowsAreToldByTheirFirstWord() {
        assertThat(List.of("/* {\"app\": \"dbt\"} */\n  select 1;", "WITH t AS (SELECT 1) SELECT * FROM t",
                "(SELECT 1) UNION (SELECT 2)", "show table extended in s like '*'", "DESC t", "describe extended t",
                "EXPLAIN SELECT 1", "set spark.sql.sources.partitionOverwriteMode = DYNAMIC", "VALUES (1)", "TABLE t",
                "FROM t SELECT *")).allMatch(FrontEnd::returnsRows);
        assertThat(List.of("", "-- nothing", "USE `default`", "create or replace table s.t using iceberg as select 1",
                "INSERT INTO t SELECT 1", "drop schema if exists s cascade", "MERGE INTO t USING u ON t.k = u.k "
                        + "WHEN MATCHED THEN UPDATE SET *", "'select'")).noneMatch(FrontEnd::returnsRows);
    }
}
