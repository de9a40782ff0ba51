package io.lakegate.engine.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Statement shapes and name resolution as Spark 4.1 and Iceberg decide them, and which shapes are understood. */
class FrontEndResolutionTest {
    private static final SessionContext SESSION = new SessionContext("lakehouse", "sales", Set.of("recent"));
    private final FrontEnd frontEnd = new FrontEnd();

    @Test
    void createTableWithAQueryButNoAsIsACtas() {
        Analysis analysis = analyze("CREATE TABLE c SELECT * FROM orders");
        assertThat(analysis.type()).isEqualTo(StatementType.CREATE_TABLE_AS_SELECT);
        assertThat(analysis.tablesWritten()).containsExactly(table("c"));
        assertThat(analysis.tablesRead()).containsExactly(table("orders"));
        assertThat(analyze("CREATE TABLE c USING iceberg (SELECT * FROM orders)").tablesRead())
                .containsExactly(table("orders"));
        Analysis stored = analyze("CREATE TABLE c STORED AS parquet AS SELECT * FROM orders");
        assertThat(stored.isUnderstood()).as(stored.parseFailure().orElse("")).isTrue();
        assertThat(stored.tablesRead()).containsExactly(table("orders"));
        Analysis like = analyze("CREATE TABLE c LIKE db.orders");
        assertThat(like.tablesRead()).containsExactly(new TableName("lakehouse", "db", "orders"));
        assertThat(like.tablesWritten()).containsExactly(table("c"));
    }

    @Test
    void globalTemporaryViewsLiveInGlobalTemp() {
        Analysis create = analyze("CREATE GLOBAL TEMPORARY VIEW g AS SELECT * FROM orders");
        TableName global = new TableName("spark_catalog", "global_temp", "g");
        assertThat(create.temporaryView()).isEmpty();
        assertThat(create.tablesWritten()).containsExactly(global);
        assertThat(create.references().get(0).form()).isEqualTo(TableReference.Form.GLOBAL_TEMPORARY_VIEW);
        assertThat(create.constructs()).extracting(Construct::kind).containsExactly(Construct.Kind.GLOBAL_TEMP_VIEW);
        Analysis read = analyze("SELECT * FROM GLOBAL_TEMP.g JOIN g ON true");
        assertThat(read.tablesRead()).containsExactly(global, table("g"));
        assertThat(read.references()).extracting(TableReference::form).containsExactly(
                TableReference.Form.GLOBAL_TEMPORARY_VIEW, TableReference.Form.TABLE);
    }

    @Test
    void dropTableOfATemporaryViewDropsTheView() {
        Analysis drop = analyze("DROP TABLE IF EXISTS Recent");
        assertThat(drop.temporaryView()).contains("recent");
        assertThat(drop.references()).isEmpty();
        assertThat(analyze("DROP TABLE sales.recent").tablesWritten()).containsExactly(table("recent"));
    }

    @Test
    void caseSensitiveSessionsCompareCteAndTemporaryViewNamesAsWritten() {
        SessionContext sensitive = new SessionContext("lakehouse", "sales", Set.of("Recent"), Set.of("lakehouse"),
                true);
        assertThat(frontEnd.analyze("SELECT * FROM Recent JOIN recent ON true", sensitive).tablesRead())
                .containsExactly(table("recent"));
        assertThat(frontEnd.analyze("WITH Big AS (SELECT 1) SELECT * FROM big, Big", sensitive).tablesRead())
                .containsExactly(table("big"));
        assertThat(analyze("WITH Big AS (SELECT 1) SELECT * FROM big, Big").tablesRead()).isEmpty();
        assertThat(frontEnd.analyze("CREATE TEMPORARY VIEW Mine AS SELECT 1", sensitive).temporaryView())
                .contains("Mine");
        assertThat(analyze("CREATE TEMPORARY VIEW Mine AS SELECT 1").temporaryView()).contains("mine");
    }

    @Test
    void onlyConfiguredCatalogsAreCatalogs() {
        SessionContext session = new SessionContext("spark_catalog", "default", Set.of(), Set.of("lakehouse"),
                false);
        Analysis analysis = frontEnd.analyze(
                "SELECT * FROM lakehouse.db.t, db.t2, other.db.t3, SPARK_CATALOG.db.t4, LAKEHOUSE.db.t5", session);
        assertThat(analysis.tablesRead()).containsExactly(new TableName("lakehouse", "db", "t"),
                new TableName("spark_catalog", "db", "t2"), new TableName("spark_catalog", "other.db", "t3"),
                new TableName("spark_catalog", "db", "t4"), new TableName("spark_catalog", "LAKEHOUSE.db", "t5"));
        assertThat(analyze("SELECT * FROM lakehouse.t").tablesRead()).containsExactly(
                new TableName("lakehouse", "", "t"));
    }

    @Test
    void icebergMetadataTablesAndSelectorsResolveToTheirTable() {
        Analysis analysis = analyze("SELECT * FROM db.t.snapshots, lakehouse.db.t.FILES, db.t.branch_dev, "
                + "db.t.tag_v1, db.t.changes, db.t.snapshot_id_12");
        assertThat(analysis.tablesRead()).containsExactly(new TableName("lakehouse", "db", "t"));
        assertThat(analysis.references()).extracting(TableReference::form, TableReference::selector)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(TableReference.Form.METADATA_TABLE, "snapshots"),
                        org.assertj.core.groups.Tuple.tuple(TableReference.Form.METADATA_TABLE, "files"),
                        org.assertj.core.groups.Tuple.tuple(TableReference.Form.TIME_TRAVEL, "branch_dev"),
                        org.assertj.core.groups.Tuple.tuple(TableReference.Form.TIME_TRAVEL, "tag_v1"),
                        org.assertj.core.groups.Tuple.tuple(TableReference.Form.METADATA_TABLE, "changes"),
                        org.assertj.core.groups.Tuple.tuple(TableReference.Form.TIME_TRAVEL, "snapshot_id_12"));
        assertThat(analysis.constructs()).extracting(Construct::kind).containsExactly(
                Construct.Kind.METADATA_TABLE, Construct.Kind.METADATA_TABLE, Construct.Kind.TIME_TRAVEL,
                Construct.Kind.TIME_TRAVEL, Construct.Kind.METADATA_TABLE, Construct.Kind.TIME_TRAVEL);
        assertThat(analysis.references().get(0).visibleName()).isEqualTo("snapshots");
        Analysis twoParts = analyze("SELECT * FROM db.history");
        assertThat(twoParts.tablesRead()).containsExactly(new TableName("lakehouse", "db", "history"));
        assertThat(twoParts.constructs()).extracting(Construct::kind).containsExactly(Construct.Kind.METADATA_TABLE);
    }

    @Test
    void filePathsAreReported() {
        Analysis analysis = analyze("SELECT * FROM parquet.`/data/x` JOIN `org.apache.spark.sql.json`.`/j` ON true");
        assertThat(analysis.references()).extracting(TableReference::form).containsOnly(
                TableReference.Form.FILE_PATH);
        assertThat(analysis.constructs()).extracting(Construct::kind, Construct::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Construct.Kind.FILE_PATH, "parquet"),
                org.assertj.core.groups.Tuple.tuple(Construct.Kind.FILE_PATH, "org.apache.spark.sql.json"));
    }

    @Test
    void onlyShapesThatAreAnalysedFullyAreUnderstood() {
        for (String sql : List.of("SELECT 1", "INSERT INTO t SELECT * FROM s", "CREATE VIEW v AS SELECT 1",
                "DROP TABLE t", "ALTER TABLE t ADD COLUMNS (c INT)", "TRUNCATE TABLE t", "ANALYZE TABLE t COMPUTE "
                        + "STATISTICS", "DESCRIBE t", "SHOW CREATE TABLE t", "USE db", "SET a = b", "RESET",
                "EXPLAIN SELECT * FROM t", "DELETE FROM t WHERE a = 1", "DROP VIEW recent",
                "ALTER TABLE t RENAME TO u")) {
            Analysis analysis = analyze(sql);
            assertThat(analysis.isUnderstood()).as("%s: %s", sql, analysis.parseFailure()).isTrue();
        }
        for (String sql : List.of("CACHE TABLE c AS SELECT * FROM t", "UNCACHE TABLE t", "REFRESH TABLE t",
                "CALL lakehouse.system.rollback_to_snapshot('db.t', 1)", "SHOW TABLES", "DROP DATABASE db",
                "CREATE FUNCTION f AS 'x.Y'", "GRANT SELECT ON t TO u", "ALTER VIEW v AS SELECT * FROM secret",
                "SET VAR x = (SELECT max(a) FROM secret)", "EXPLAIN CACHE TABLE c AS SELECT 1",
                "SHOW COLUMNS IN t IN db", "DESCRIBE DATABASE db", "CREATE DATABASE d")) {
            Analysis analysis = analyze(sql);
            assertThat(analysis.isUnderstood()).as(sql).isFalse();
            assertThat(analysis.parseFailure()).as(sql).isPresent();
        }
        assertThat(analyze("ALTER TABLE t RENAME TO db.u").tablesWritten()).containsExactly(table("t"),
                new TableName("lakehouse", "db", "u"));
    }

    @Test
    void internalErrorsBecomeReasonsNotExceptions() {
        FrontEnd failing = new FrontEnd(name -> {
            throw new IllegalStateException("the catalog is gone");
        });
        Analysis analysis = failing.analyze("SELECT * FROM t", SESSION);
        assertThat(analysis.isUnderstood()).isFalse();
        assertThat(analysis.parseFailure()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith(FrontEnd.INTERNAL_ERROR).contains("the catalog is gone"));
    }

    @Test
    void viewConstructsAreReportedWithTheView() {
        TableName view = table("v");
        FrontEnd withViews = new FrontEnd(name -> name.equals(view)
                ? Optional.of(new ViewResolver.ViewText("SELECT * FROM range(10) TABLESAMPLE (1 ROWS)", SESSION))
                : Optional.empty());
        Analysis analysis = withViews.analyze("SELECT * FROM v", SESSION);
        assertThat(analysis.constructs()).isEmpty();
        assertThat(analysis.allConstructs()).extracting(Construct::kind).containsExactly(
                Construct.Kind.TABLE_FUNCTION, Construct.Kind.TABLESAMPLE);
    }

    @Test
    void adjacentStringsAreOneLiteral() {
        Analysis analysis = analyze("SELECT 'a' 'b' \"c\" FROM t WHERE x = 'd'\n'e'");
        assertThat(analysis.isUnderstood()).as(analysis.parseFailure().orElse("")).isTrue();
        assertThat(analysis.tablesRead()).containsExactly(table("t"));
    }

    private Analysis analyze(String sql) {
        return frontEnd.analyze(sql, SESSION);
    }

    private static TableName table(String name) {
        return new TableName("lakehouse", "sales", name);
    }
}
