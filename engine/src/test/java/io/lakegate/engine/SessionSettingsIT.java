package io.lakegate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.common.LakegateException;
import io.lakegate.engine.connect.ConnectSession;
import io.lakegate.engine.connect.ExecutionApproval;
import io.lakegate.engine.connect.ExecutionStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A restricted session changes and reads only the allowed settings, and reads no secret through Spark's settings. */
@ExtendWith(SharedEngine.class)
class SessionSettingsIT {
    private static final String CATALOG_URI = "spark.sql.catalog.lakehouse.uri";
    /** The rows a restricted session would see if substitution went on: the whole statement, the URI in it. */
    private static final String SUBSTITUTED =
            "SELECT '${" + CATALOG_URI + "}', '${hivevar:" + CATALOG_URI + "}', '${hiveconf:" + CATALOG_URI + "}', "
                    + "'${env:PATH}'";
    private static final List<String> LITERAL = List.of("${" + CATALOG_URI + "}", "${hivevar:" + CATALOG_URI + "}",
            "${hiveconf:" + CATALOG_URI + "}", "${env:PATH}");
    /** Spark distributes by id over spark.sql.shuffle.partitions partitions; adaptive execution is off. */
    private static final String PARTITIONS_USED = "SELECT count(DISTINCT p) FROM (SELECT spark_partition_id() AS p "
            + "FROM (SELECT id FROM range(1000) DISTRIBUTE BY id))";

    @Test
    void catalogSettingsAreRefusedAndNeverReachSpark(Engine engine) {
        try (Session bob = engine.openSession(SessionSpec.forUser("bob").asRestricted())) {
            assertDenied(() -> bob.execute("SET spark.sql.catalog.evil = org.apache.iceberg.spark.SparkCatalog"),
                    "Setting spark.sql.catalog.evil is not allowed for user bob");
            assertDenied(() -> bob.execute("set `spark.sql.catalog.evil.uri` = `jdbc:sqlite:/tmp/x.db`"),
                    "Setting spark.sql.catalog.evil.uri is not allowed for user bob");
            assertDenied(() -> bob.execute("SET spark.sql.variable.substitute = true"),
                    "Setting spark.sql.variable.substitute is not allowed for user bob");
            assertThat(bob.conf()).isEmpty();
            assertDenied(() -> bob.execute("SELECT * FROM evil.db.t"), null);
        }
    }

    @Test
    void allowedSettingsTakeEffect(Engine engine) {
        try (Session bob = engine.openSession(SessionSpec.forUser("bob").asRestricted())) {
            run(bob, "SET spark.sql.adaptive.enabled = false");
            assertThat(firstRow(bob, PARTITIONS_USED)).containsExactly("4");
            run(bob, "SET spark.sql.shuffle.partitions=3");
            assertThat(firstRow(bob, "SET spark.sql.shuffle.partitions"))
                    .containsExactly("spark.sql.shuffle.partitions", "3");
            assertThat(firstRow(bob, PARTITIONS_USED)).containsExactly("3");
            run(bob, "RESET spark.sql.shuffle.partitions");
            assertThat(firstRow(bob, PARTITIONS_USED)).containsExactly("4");
            run(bob, "SET /* quoted */ `spark.sql.shuffle.partitions` = `2`;");
            assertThat(firstRow(bob, PARTITIONS_USED)).containsExactly("2");
            run(bob, "SET TIME ZONE 'America/Lima'");
            assertThat(firstRow(bob, "SELECT current_timezone()")).containsExactly("America/Lima");
        }
    }

    @Test
    void catalogUriIsNeitherShownNorSubstituted(Engine engine) {
        try (Session bob = engine.openSession(SessionSpec.forUser("bob").asRestricted())) {
            assertDenied(() -> bob.execute("SET " + CATALOG_URI),
                    "Reading setting " + CATALOG_URI + " is not allowed for user bob");
            assertDenied(() -> bob.execute("SET `" + CATALOG_URI + "`"), "Reading setting " + CATALOG_URI);
            assertDenied(() -> bob.execute("SET"), "Listing all settings is not allowed for user bob");
            assertDenied(() -> bob.execute("SET -v"), "Listing all settings is not allowed for user bob");
            assertDenied(() -> bob.execute("EXECUTE IMMEDIATE 'SET " + CATALOG_URI + "'"), "EXECUTE IMMEDIATE");
            assertThat(firstRow(bob, SUBSTITUTED)).isEqualTo(LITERAL);
            // RESET restores the cluster's settings, where substitution is off as well.
            run(bob, "RESET");
            assertThat(firstRow(bob, SUBSTITUTED)).isEqualTo(LITERAL);
        }
    }

    /**
     * Spark's RESET restores the cluster's settings, and the engine sets the restricted session's own again only after
     * it: in between a concurrent statement sees the cluster's, which must have substitution off as well.
     */
    @Test
    void clustersThemselvesDoNotSubstitute(Engine engine) {
        try (ConnectSession raw = engine.clusters().acquire().client().openSession("raw");
                ExecutionStream stream = raw.execute("SELECT '${" + CATALOG_URI + "}'", UUID.randomUUID().toString(),
                        ExecutionApproval.unrestrictedApproval(), engine.allocator())) {
            assertThat(stream.nextBatch()).isTrue();
            assertThat(stream.batch().getVector(0).getObject(0)).hasToString("${" + CATALOG_URI + "}");
            while (stream.nextBatch()) {
                // Read to the end so that the call finishes normally.
            }
        }
    }

    @Test
    void settingsASessionOpensWithAreCheckedToo(Engine engine) {
        SessionSpec evil = SessionSpec.forUser("bob").withConf("spark.sql.catalog.evil", "x").asRestricted();
        assertDenied(() -> engine.openSession(evil), "Setting spark.sql.catalog.evil is not allowed for user bob");
        try (Session bob = engine.openSession(SessionSpec.forUser("bob")
                .withConf("spark.sql.session.timeZone", "Asia/Tokyo").asRestricted())) {
            assertThat(firstRow(bob, "SELECT current_timezone()")).containsExactly("Asia/Tokyo");
        }
    }

    @Test
    void unrestrictedSessionsKeepTodaysBehaviour(Engine engine) {
        try (Session admin = engine.openSession(SessionSpec.forUser("admin"))) {
            assertThat(firstRow(admin, "SET " + CATALOG_URI).get(1)).startsWith("jdbc:sqlite:");
            assertThat(firstRow(admin, SUBSTITUTED)).allSatisfy(value -> assertThat(value).doesNotStartWith("${"))
                    .first().asString().startsWith("jdbc:sqlite:");
            run(admin, "RESET");
            assertThat(firstRow(admin, SUBSTITUTED).get(0)).startsWith("jdbc:sqlite:");
            run(admin, "SET spark.sql.catalog.scratch = org.apache.iceberg.spark.SparkCatalog");
            assertThat(admin.conf()).containsKey("spark.sql.catalog.scratch");
        }
    }

    @Test
    void shapesTheGuardCannotReadAreErrorsInSparkToo(Engine engine) {
        try (Session admin = engine.openSession(SessionSpec.forUser("admin"))) {
            for (String sql : List.of("SET /* c */ spark.sql.shuffle.partitions=3", "SET a b = c", "RESET a b")) {
                assertThatThrownBy(() -> admin.execute(sql)).as(sql).isInstanceOf(LakegateException.class);
            }
            // What EXECUTE IMMEDIATE would show a restricted user, were it not refused.
            assertThat(firstRow(admin, "EXECUTE IMMEDIATE 'SET " + CATALOG_URI + "'").get(1))
                    .startsWith("jdbc:sqlite:");
        }
    }

    private static void assertDenied(Runnable action, String message) {
        if (message == null) {
            // Spark's own error: the catalog that SET would have made does not exist.
            assertThatThrownBy(action::run).isInstanceOf(LakegateException.class);
            return;
        }
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(LakegateException.class, e -> assertThat(e.sqlState()).isEqualTo("42000"))
                .hasMessageContaining(message)
                .hasMessageNotContaining("jdbc:");
    }

    private static void run(Session session, String sql) {
        Results.drain(session.execute(sql));
    }

    /** The first row, each value as text. */
    private static List<String> firstRow(Session session, String sql) {
        try (StatementResult result = session.execute(sql)) {
            assertThat(result.hasNext()).as("%s has a row", sql).isTrue();
            ColumnBatch batch = result.next();
            List<String> row = new ArrayList<>();
            for (int column = 0; column < result.columns().size(); column++) {
                row.add(String.valueOf(batch.column(column).getObject(0)));
            }
            return row;
        }
    }
}
