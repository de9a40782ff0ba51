package io.lakegate.engine.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.lakegate.engine.frontend.Construct.Kind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The forms a policy must decide on are reported with their place and what they name, parsed or not. */
class FrontEndConstructsTest {
    private static final SessionContext SESSION = new SessionContext("lakehouse", "sales", Set.of());
    private final FrontEnd frontEnd = new FrontEnd();

    @Test
    void tableFunctionsWithTheirNames() {
        String sql = "SELECT * FROM range(10) r, t JOIN explode_outer(array(1)) ON true, sys.fn(1)";
        assertThat(constructs(sql)).containsExactly(tuple(Kind.TABLE_FUNCTION, "range"),
                tuple(Kind.TABLE_FUNCTION, "explode_outer"), tuple(Kind.TABLE_FUNCTION, "sys.fn"));
        Construct range = frontEnd.analyze(sql, SESSION).constructs().get(0);
        assertThat(sql.substring(range.start(), range.end())).isEqualTo("range");
        assertThat(constructs("SELECT count(x), (SELECT max(y) FROM t) FROM u WHERE f(z) > 0")).isEmpty();
    }

    @Test
    void tableFunctionsAreReadThroughAndIdentifierIsRefused() {
        Analysis range = frontEnd.analyze("SELECT * FROM range(10) r JOIN t ON r.id = t.id", SESSION);
        assertThat(range.isUnderstood()).as(range.parseFailure().orElse("")).isTrue();
        assertThat(range.tablesRead()).containsExactly(new TableName("lakehouse", "sales", "t"));
        assertThat(frontEnd.analyze("SELECT * FROM range(0, (SELECT max(a) FROM secret))", SESSION).tablesRead())
                .containsExactly(new TableName("lakehouse", "sales", "secret"));
        Analysis identifier = frontEnd.analyze("SELECT * FROM IDENTIFIER('secret')", SESSION);
        assertThat(identifier.isUnderstood()).isFalse();
        assertThat(identifier.type()).isEqualTo(StatementType.QUERY);
    }

    @Test
    void pivotedTablesAreFound() {
        assertThat(frontEnd.analyze("SELECT * FROM t PIVOT (sum(v) FOR k IN ('a', 'b'))", SESSION).tablesRead())
                .containsExactly(new TableName("lakehouse", "sales", "t"));
        assertThat(frontEnd.analyze("SELECT * FROM t UNPIVOT (v FOR k IN (a, b))", SESSION).tablesRead())
                .containsExactly(new TableName("lakehouse", "sales", "t"));
    }

    @Test
    void fromFirstAndFromValues() {
        assertThat(kinds("FROM t SELECT a")).containsExactly(Kind.FROM_FIRST);
        assertThat(kinds("SELECT * FROM (FROM t SELECT a)")).containsExactly(Kind.FROM_FIRST);
        assertThat(kinds("WITH c AS (SELECT 1) FROM c SELECT *")).containsExactly(Kind.FROM_FIRST);
        assertThat(kinds("WITH c AS (SELECT 1) SELECT round(a, 2) FROM c")).isEmpty();
        assertThat(kinds("SELECT explode(m) AS (k, v) FROM t")).isEmpty();
        assertThat(kinds("SELECT * FROM VALUES (1), (2) AS v(a)")).containsExactly(Kind.FROM_VALUES);
        assertThat(kinds("SELECT * FROM t JOIN (VALUES (1)) v(a) ON true")).containsExactly(Kind.FROM_VALUES);
        assertThat(kinds("INSERT INTO t VALUES (1)")).isEmpty();
    }

    @Test
    void samplingPivotingAndTimeTravel() {
        assertThat(kinds("SELECT * FROM t TABLESAMPLE (10 PERCENT)")).containsExactly(Kind.TABLESAMPLE);
        assertThat(kinds("SELECT * FROM t PIVOT (sum(v) FOR k IN ('a', 'b'))")).containsExactly(Kind.PIVOT);
        assertThat(kinds("SELECT * FROM t UNPIVOT INCLUDE NULLS (v FOR k IN (a, b))"))
                .containsExactly(Kind.UNPIVOT);
        assertThat(kinds("SELECT pivot, unpivot FROM t")).isEmpty();
        assertThat(constructs("SELECT * FROM t VERSION AS OF 1 JOIN u TIMESTAMP AS OF '2026-01-01' "
                + "JOIN v FOR SYSTEM_TIME AS OF now() JOIN w FOR SYSTEM_VERSION AS OF 2 ON true")).containsExactly(
                        tuple(Kind.TIME_TRAVEL, "version"), tuple(Kind.TIME_TRAVEL, "timestamp"),
                        tuple(Kind.TIME_TRAVEL, "system_time"), tuple(Kind.TIME_TRAVEL, "system_version"));
    }

    @Test
    void timeTravelToALiteralIsReadAndNotedOnTheReference() {
        Analysis analysis = frontEnd.analyze("SELECT * FROM t VERSION AS OF 3 a JOIN db.u FOR SYSTEM_TIME AS OF "
                + "'2026-01-01' ON a.k = u.k JOIN v ON true", SESSION);
        assertThat(analysis.isUnderstood()).as(analysis.parseFailure().orElse("")).isTrue();
        assertThat(analysis.references()).extracting(TableReference::form, TableReference::selector,
                TableReference::alias).containsExactly(
                        tuple(TableReference.Form.TIME_TRAVEL, "VERSION AS OF 3", java.util.Optional.of("a")),
                        tuple(TableReference.Form.TIME_TRAVEL, "FOR SYSTEM_TIME AS OF '2026-01-01'",
                                java.util.Optional.empty()),
                        tuple(TableReference.Form.TABLE, "", java.util.Optional.empty()));
        assertThat(frontEnd.analyze("SELECT * FROM t TIMESTAMP AS OF (SELECT max(ts) FROM secret)", SESSION)
                .isUnderstood()).isFalse();
    }

    @Test
    void fileAccess() {
        assertThat(kinds("CREATE TABLE t USING parquet OPTIONS (path '/data/x') AS SELECT 1"))
                .containsExactly(Kind.FILE_OPTIONS);
        assertThat(kinds("CREATE TABLE t (a INT) USING iceberg LOCATION 's3://b/t'"))
                .containsExactly(Kind.FILE_OPTIONS);
        assertThat(kinds("ALTER TABLE t SET LOCATION '/elsewhere'")).containsExactly(Kind.FILE_OPTIONS);
        assertThat(kinds("INSERT OVERWRITE LOCAL DIRECTORY '/tmp/out' SELECT * FROM t"))
                .containsExactly(Kind.FILE_OPTIONS);
        assertThat(constructs("SELECT input_file_name(), _metadata.file_path, t._file, `_pos` FROM t"))
                .containsExactly(tuple(Kind.FILE_METADATA, "input_file_name"), tuple(Kind.FILE_METADATA, "_metadata"),
                        tuple(Kind.FILE_METADATA, "_file"), tuple(Kind.FILE_METADATA, "_pos"));
    }

    @Test
    void dynamicSql() {
        assertThat(kinds("SELECT * FROM IDENTIFIER('t')")).contains(Kind.DYNAMIC_SQL);
        assertThat(kinds("EXECUTE IMMEDIATE 'SELECT * FROM t'")).containsExactly(Kind.DYNAMIC_SQL);
        assertThat(kinds("DECLARE VARIABLE x INT DEFAULT 1")).containsExactly(Kind.DYNAMIC_SQL);
        assertThat(kinds("SET VAR x = 2")).containsExactly(Kind.DYNAMIC_SQL);
        assertThat(kinds("SELECT session.x, system.session.y FROM t")).containsExactly(Kind.DYNAMIC_SQL,
                Kind.DYNAMIC_SQL);
        assertThat(kinds("BEGIN SELECT 1; END")).contains(Kind.DYNAMIC_SQL);
        assertThat(kinds("FROM t |> WHERE a > 1")).contains(Kind.FROM_FIRST, Kind.DYNAMIC_SQL);
        assertThat(kinds("SELECT '${spark.sql.catalog.lakehouse.uri}'")).containsExactly(Kind.DYNAMIC_SQL);
    }

    @Test
    void functionsReflectionCachingAndGlobalViews() {
        assertThat(kinds("CREATE TEMPORARY FUNCTION f() RETURN (SELECT max(a) FROM t)"))
                .contains(Kind.USER_FUNCTION);
        assertThat(kinds("CREATE OR REPLACE FUNCTION f AS 'com.x.F'")).containsExactly(Kind.USER_FUNCTION);
        assertThat(constructs("SELECT reflect('java.lang.System', 'getenv'), java_method('a', 'b'), "
                + "try_reflect('c', 'd')")).containsExactly(tuple(Kind.REFLECTION, "reflect"),
                        tuple(Kind.REFLECTION, "java_method"), tuple(Kind.REFLECTION, "try_reflect"));
        assertThat(kinds("CACHE TABLE c AS SELECT * FROM t")).containsExactly(Kind.CACHE_AS);
        assertThat(kinds("CACHE LAZY TABLE c OPTIONS ('storageLevel' 'DISK_ONLY') SELECT * FROM t"))
                .containsExactly(Kind.CACHE_AS);
        assertThat(kinds("CACHE TABLE t")).isEmpty();
        assertThat(kinds("SELECT * FROM global_temp.v")).containsExactly(Kind.GLOBAL_TEMP_VIEW);
    }

    @Test
    void regexColumnsAndHints() {
        assertThat(constructs("SELECT `(a|b)?+.+` FROM t")).containsExactly(tuple(Kind.REGEX_COLUMN, "(a|b)?+.+"));
        assertThat(kinds("SELECT `my col` FROM t")).isEmpty();
        assertThat(constructs("SELECT /*+ COALESCE(3) */ * FROM t"))
                .containsExactly(tuple(Kind.HINT, "/*+ COALESCE(3) */"));
    }

    private List<Kind> kinds(String sql) {
        return frontEnd.analyze(sql, SESSION).constructs().stream().map(Construct::kind).toList();
    }

    private List<org.assertj.core.groups.Tuple> constructs(String sql) {
        return frontEnd.analyze(sql, SESSION).constructs().stream()
                .map(construct -> tuple(construct.kind(), construct.detail()))
                .toList();
    }
}
