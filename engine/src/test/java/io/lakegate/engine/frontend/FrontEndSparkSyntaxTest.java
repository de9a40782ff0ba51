package io.lakegate.engine.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spark's own syntax that Calcite reads otherwise: analysed as Spark reads it, or refused, never misread. */
class FrontEndSparkSyntaxTest {
    private static final SessionContext SESSION = new SessionContext("lakehouse", "sales", Set.of());
    private static final TableName ACCOUNTS = new TableName("lakehouse", "vault", "accounts");
    private static final TableName OTHER = new TableName("lakehouse", "vault", "other");
    private static final TableName COPY = new TableName("lakehouse", "open", "copy");
    private static final Map<String, List<String>> COLUMNS = Map.of(
            "accounts", List.of("id", "name", "card", "phone", "pin", "region", "all", "div"),
            "other", List.of("id", "x"));
    private final FrontEnd frontEnd = new FrontEnd(ViewResolver.NONE,
            table -> Optional.ofNullable(COLUMNS.get(table.table())));

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT id FROM vault.accounts WHERE exists(array(card, phone), v -> v LIKE '%1%')",
        "SELECT id FROM vault.accounts WHERE EXISTS /* c */ (array(card, phone), v -> v > 1)",
        "SELECT any(card > 1 OR phone > 1) FROM vault.accounts",
        "SELECT card == phone FROM vault.accounts",
        "SELECT !(card > phone) FROM vault.accounts",
        "SELECT card DIV phone FROM vault.accounts",
        "SELECT card REGEXP phone FROM vault.accounts",
        "SELECT card NOT REGEXP phone, 1.5D, 2BD, 3L, 1.5e3D FROM vault.accounts",
        "SELECT window(card, '1 hour'), uuid(), phone FROM vault.accounts"
    })
    void sparkOperatorsAndFunctionsUseTheirColumns(String sql) {
        Analysis analysis = frontEnd.analyze(sql, SESSION);
        assertThat(analysis.isUnderstood()).as(analysis.parseFailure().orElse("")).isTrue();
        assertThat(columnsOf(analysis, ACCOUNTS)).contains("card", "phone").doesNotContain("all", "div");
    }

    @Test
    void existsBeforeAQueryIsThePredicate() {
        for (String sql : List.of("SELECT id FROM vault.accounts WHERE EXISTS (SELECT x FROM vault.other)",
                "SELECT id FROM vault.accounts WHERE NOT EXISTS ((SELECT x FROM vault.other))")) {
            Analysis analysis = frontEnd.analyze(sql, SESSION);
            assertThat(analysis.isUnderstood()).as(sql).isTrue();
            assertThat(analysis.tablesRead()).as(sql).containsExactlyInAnyOrder(ACCOUNTS, OTHER);
        }
    }

    @Test
    void wordOperatorsThatAreColumnNamesAreNotMisread() {
        Analysis column = frontEnd.analyze("SELECT div, region FROM vault.accounts WHERE div > 0", SESSION);
        assertThat(column.isUnderstood()).as(column.parseFailure().orElse("")).isTrue();
        assertThat(columnsOf(column, ACCOUNTS)).containsExactlyInAnyOrder("div", "region");
        assertThat(frontEnd.analyze("SELECT card LIKE ANY ('1%', '2%') FROM vault.accounts", SESSION)
                .isUnderstood()).isFalse();
    }

    @Test
    void groupByAllUsesTheSelectListAndAColumnNamedAll() {
        Analysis analysis = frontEnd.analyze(
                "SELECT region, pin, count(*) FROM vault.accounts GROUP BY ALL HAVING count(*) > 1 ORDER BY 1",
                SESSION);
        assertThat(analysis.isUnderstood()).as(analysis.parseFailure().orElse("")).isTrue();
        // Spark groups by a column named all when the relation has one: it counts as used.
        assertThat(columnsOf(analysis, ACCOUNTS)).containsExactlyInAnyOrder("region", "pin", "all");
        Analysis nested = frontEnd.analyze(
                "SELECT * FROM (SELECT x, count(*) FROM vault.other GROUP BY ALL) g JOIN vault.accounts a ON true",
                SESSION);
        assertThat(nested.isUnderstood()).as(nested.parseFailure().orElse("")).isTrue();
        assertThat(nested.tablesRead()).containsExactlyInAnyOrder(ACCOUNTS, OTHER);
    }

    @Test
    void createTableWithoutAsMayStartWithACte() {
        for (String sql : List.of(
                "CREATE TABLE open.copy WITH a AS (SELECT id, card FROM vault.accounts) SELECT * FROM a",
                "CREATE TABLE open.copy USING iceberg WITH a AS (SELECT id, card FROM vault.accounts) SELECT * FROM a",
                "CREATE TABLE open.copy AS WITH a AS (SELECT id, card FROM vault.accounts) SELECT * FROM a",
                "CREATE TABLE open.copy ROW FORMAT SERDE 's' WITH SERDEPROPERTIES ('k' = 'v') STORED AS textfile "
                        + "AS SELECT id, card FROM vault.accounts")) {
            Analysis analysis = frontEnd.analyze(sql, SESSION);
            assertThat(analysis.isUnderstood()).as(sql).isTrue();
            assertThat(analysis.type()).as(sql).isEqualTo(StatementType.CREATE_TABLE_AS_SELECT);
            assertThat(analysis.tablesRead()).as(sql).containsExactly(ACCOUNTS);
            assertThat(analysis.tablesWritten()).as(sql).containsExactly(COPY);
        }
    }

    @Test
    void insertMayFollowAWithClause() {
        Analysis analysis = frontEnd.analyze("WITH c (i, n) AS (SELECT id, card FROM vault.accounts), d AS "
                + "(SELECT * FROM c JOIN vault.other o ON o.id = c.i) INSERT OVERWRITE TABLE open.copy "
                + "PARTITION (p = 1) SELECT * FROM d", SESSION);
        assertThat(analysis.isUnderstood()).as(analysis.parseFailure().orElse("")).isTrue();
        assertThat(analysis.type()).isEqualTo(StatementType.INSERT);
        assertThat(analysis.tablesRead()).containsExactlyInAnyOrder(ACCOUNTS, OTHER);
        assertThat(analysis.tablesWritten()).containsExactly(COPY);
        assertThat(columnsOf(analysis, ACCOUNTS)).containsExactlyInAnyOrder("id", "card");
        // A column named insert is a query's, not a statement's.
        Analysis query = frontEnd.analyze("WITH c AS (SELECT id FROM vault.accounts) SELECT `insert` FROM c",
                SESSION);
        assertThat(query.type()).isEqualTo(StatementType.QUERY);
        assertThat(query.tablesWritten()).isEmpty();
    }

    private static Set<String> columnsOf(Analysis analysis, TableName table) {
        return analysis.columnUse().entrySet().stream().filter(entry -> entry.getKey().table().equals(table))
                .findFirst().map(entry -> entry.getValue().allColumns() ? Set.of("*")
                        : Set.copyOf(entry.getValue().columns()))
                .orElseThrow();
    }
}
