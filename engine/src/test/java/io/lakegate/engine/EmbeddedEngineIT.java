package io.lakegate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.lakegate.catalog.ColumnInfo;
import io.lakegate.catalog.TableType;
import io.lakegate.common.LakegateException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedEngine.class)
class EmbeddedEngineIT {
    private static Engine engine;
    private static Session session;

    @BeforeAll
    static void createTable(Engine shared) {
        engine = shared;
        session = engine.openSession(SessionSpec.forUser("alice"));
        run("CREATE TABLE orders (id BIGINT NOT NULL, customer STRING, amount DECIMAL(10,2)) USING iceberg "
                + "COMMENT 'orders of the embedded test'");
        run("INSERT INTO orders VALUES (1, 'ann', 10.50), (2, 'bob', 20.00), (3, 'ann', 5.25), (4, NULL, 1.00)");
    }

    @AfterAll
    static void closeSession() {
        session.close();
    }

    @Test
    void filtersAndAggregatesWithTheRightSchema() {
        List<String> rows = new ArrayList<>();
        try (StatementResult result = session.execute(
                "SELECT customer, count(*) AS orders, sum(amount) AS total FROM orders "
                        + "WHERE amount > 2 GROUP BY customer ORDER BY customer")) {
            assertThat(result.columns()).extracting(c -> c.name() + " " + c.type().sql() + " " + c.nullable())
                    .containsExactly("customer string true", "orders bigint false", "total decimal(20,2) true");
            while (result.hasNext()) {
                ColumnBatch batch = result.next();
                VarCharVector customers = (VarCharVector) batch.column(0);
                BigIntVector counts = (BigIntVector) batch.column(1);
                DecimalVector totals = (DecimalVector) batch.column(2);
                for (int row = 0; row < batch.rowCount(); row++) {
                    rows.add(customers.getObject(row) + "|" + counts.get(row) + "|" + totals.getObject(row));
                }
            }
            assertThat(result.rowCount()).isEqualTo(2);
        }
        assertThat(rows).containsExactly("ann|2|" + new BigDecimal("15.75"), "bob|1|" + new BigDecimal("20.00"));
    }

    @Test
    void catalogListsTheTableAndItsColumnsWithoutACluster() {
        assertThat(engine.catalog().listDatabases()).contains("default");
        assertThat(engine.catalog().listTables("default"))
                .filteredOn(table -> table.name().equals("orders"))
                .singleElement()
                .satisfies(table -> {
                    assertThat(table.type()).isEqualTo(TableType.TABLE);
                    assertThat(table.comment()).contains("orders of the embedded test");
                });
        assertThat(engine.catalog().columns("default", "orders"))
                .extracting(ColumnInfo::name, column -> column.type().sql(), ColumnInfo::nullable)
                .containsExactly(
                        tuple("id", "bigint", false),
                        tuple("customer", "string", true),
                        tuple("amount", "decimal(10,2)", true));
    }

    @Test
    void syntaxErrorCarriesItsSqlStateAndPosition() {
        assertThatThrownBy(() -> session.execute("SELEC id FROM orders"))
                .isInstanceOfSatisfying(LakegateException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("42601");
                    assertThat(e.errorClass()).contains("PARSE_SYNTAX_ERROR");
                    assertThat(e.getMessage()).contains("'SELEC'");
                });
    }

    @Test
    void missingTableIsNamed() {
        assertThatThrownBy(() -> session.execute("SELECT * FROM no_such_table"))
                .isInstanceOfSatisfying(LakegateException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("42P01");
                    assertThat(e.getMessage()).contains("no_such_table").doesNotContain("UnresolvedRelation");
                });
    }

    @Test
    void unknownDatabaseIsRefusedWhenTheSessionOpens() {
        assertThatThrownBy(() -> engine.openSession(SessionSpec.forUser("alice").withDatabase("nowhere")))
                .isInstanceOfSatisfying(LakegateException.class, e -> assertThat(e.sqlState()).isEqualTo("42704"))
                .hasMessageContaining("nowhere");
    }

    @Test
    void sessionStartsInItsDatabaseWithItsSettings() {
        run("CREATE NAMESPACE IF NOT EXISTS sales");
        run("CREATE TABLE IF NOT EXISTS sales.regions (name STRING) USING iceberg");
        try (Session sales = engine.openSession(SessionSpec.forUser("bob").withDatabase("sales")
                        .withConf("spark.sql.session.timeZone", "Asia/Tokyo"));
                StatementResult result = sales.execute(
                        "SELECT current_database(), current_timezone(), count(*) FROM regions")) {
            assertThat(result.hasNext()).isTrue();
            ColumnBatch batch = result.next();
            assertThat(batch.column(0).getObject(0)).hasToString("sales");
            assertThat(batch.column(1).getObject(0)).hasToString("Asia/Tokyo");
        }
    }

    @Test
    void useSetAndTemporaryViewsShapeTheSession() {
        run("CREATE NAMESPACE IF NOT EXISTS inventory");
        run("CREATE TABLE IF NOT EXISTS inventory.stock (sku STRING, qty INT) USING iceberg");
        try (Session inventory = engine.openSession(SessionSpec.forUser("dave"))) {
            Results.drain(inventory.execute("USE inventory"));
            Results.drain(inventory.execute("SET spark.sql.shuffle.partitions = 3"));
            Results.drain(inventory.execute("CREATE TEMPORARY VIEW low AS SELECT * FROM stock WHERE qty < 5"));
            assertThat(inventory.currentDatabase()).isEqualTo("inventory");
            assertThat(inventory.conf()).containsEntry("spark.sql.shuffle.partitions", "3");
            assertThat(inventory.analyze("SELECT * FROM low JOIN stock USING (sku)").tablesRead())
                    .extracting(Object::toString)
                    .containsExactly("lakehouse.inventory.stock");
            Results.drain(inventory.execute("RESET spark.sql.shuffle.partitions"));
            assertThat(inventory.conf()).doesNotContainKey("spark.sql.shuffle.partitions");
        }
    }

    @Test
    void viewsAreReadThroughToTheirTables() {
        run("CREATE OR REPLACE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 10");
        assertThat(session.analyze("SELECT count(*) FROM big_orders").baseTablesRead())
                .extracting(Object::toString)
                .containsExactly("lakehouse.default.orders");
        assertThat(Results.firstValue(session.execute("SELECT count(*) FROM big_orders"))).isEqualTo(2L);
    }

    @Test
    void warmUpKeepsTheRunningCluster() {
        List<ProcessHandle> before = LocalClusters.below(ProcessHandle.current());
        engine.warmUp();
        assertThat(LocalClusters.below(ProcessHandle.current())).isEqualTo(before).hasSize(1);
    }

    @Test
    void oneOffStatementsAreReleasedWithTheirResults() {
        try (Session oneOff = engine.openSession(SessionSpec.forUser("erin"))) {
            Results.drain(oneOff.execute("SELECT 1"));
            assertThatThrownBy(() -> oneOff.execute("SELECT * FROM missing_table"))
                    .isInstanceOf(LakegateException.class);
            assertThat(oneOff.openStatements()).isZero();
            try (Statement kept = oneOff.createStatement()) {
                Results.drain(kept.execute("SELECT 2"));
                assertThat(oneOff.openStatements()).isOne();
            }
            assertThat(oneOff.openStatements()).isZero();
        }
    }

    @Test
    void closedSessionRefusesStatements() {
        Session closed = engine.openSession(SessionSpec.forUser("carol"));
        closed.close();
        closed.close();
        assertThatThrownBy(() -> closed.execute("SELECT 1"))
                .isInstanceOfSatisfying(LakegateException.class, e -> assertThat(e.sqlState()).isEqualTo("24000"));
    }

    private static void run(String sql) {
        Results.drain(session.execute(sql));
    }
}
