package io.lakegate.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.common.LakegateException;
import io.lakegate.engine.Results;
import io.lakegate.engine.Session;
import io.lakegate.engine.SessionSpec;
import io.lakegate.engine.StatementResult;
import io.lakegate.engine.frontend.corpus.ResultTable;
import io.lakegate.engine.policy.PolicedEngine.Policed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Row filters and every mask type against a reference: what a restricted user sees of a table must be exactly what an
 * administrator sees of a hand-written view that filters and masks the same table, for every query.
 */
@ExtendWith(PolicedEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyValuesIT {
    private static final List<String> ANALYSTS = List.of("analysts");

    private Policed policed;

    @BeforeAll
    void createTablesAndPolicies(Policed policed) {
        this.policed = policed;
        policed.policies().clear()
                .allow("pol", "*", "*", List.of("analysts", "owners", "staff"), "select")
                .allow("pol", "copies", "*", List.of("analysts"), "select", "update", "create", "drop")
                .access("pol", "people", "notes", List.of(), List.of("analysts", "staff"), "select")
                .access("pol", "people", "salary", List.of(), List.of("staff"), "select")
                .rowFilter("pol", "people", ANALYSTS, "region = 'EU'")
                .rowFilter("pol", "people", List.of("owners"), "owner = current_user()")
                .mask("pol", "people", "id", ANALYSTS, "MASK_NONE", null)
                .mask("pol", "people", "name", ANALYSTS, "MASK", null)
                .mask("pol", "people", "phone", ANALYSTS, "MASK_SHOW_LAST_4", null)
                .mask("pol", "people", "card", ANALYSTS, "MASK_SHOW_FIRST_4", null)
                .mask("pol", "people", "email", ANALYSTS, "MASK_HASH", null)
                .mask("pol", "people", "salary", ANALYSTS, "MASK_NULL", null)
                .mask("pol", "people", "birth", ANALYSTS, "MASK_DATE_SHOW_YEAR", null)
                .mask("pol", "people", "score", ANALYSTS, "CUSTOM", "round({col})")
                .mask("pol", "measures", "qty", ANALYSTS, "MASK", null)
                .mask("pol", "measures", "amount", ANALYSTS, "MASK_SHOW_LAST_4", null)
                .mask("pol", "measures", "at", ANALYSTS, "MASK_DATE_SHOW_YEAR", null)
                .mask("pol", "measures", "day", ANALYSTS, "MASK", null)
                .mask("pol", "measures", "code", ANALYSTS, "MASK_SHOW_FIRST_4", null)
                .write();
        try (Session admin = policed.engine().openSession(SessionSpec.forUser("admin"))) {
            for (String statement : List.of(
                    "CREATE NAMESPACE IF NOT EXISTS pol",
                    "CREATE OR REPLACE TABLE pol.people (id INT, name STRING, phone STRING, card STRING, email STRING,"
                            + " salary DECIMAL(10,2), birth DATE, region STRING, owner STRING, score DOUBLE,"
                            + " notes STRING) USING iceberg",
                    """
                    INSERT INTO pol.people VALUES
                    (1, 'Alice Smith', '+39 02 5550 1234', '4111-2222-3333-0001', 'alice@example.com', 1234.50,
                     DATE '1980-05-17', 'EU', 'alice', 3.7, 'secret 1'),
                    (2, 'Bob Jones', '555-0199', '5500-0000-0000-0004', 'bob@example.com', 99.99,
                     DATE '1975-12-31', 'US', 'bob', 2.2, 'secret 2'),
                    (3, 'Ünïcode Ñame 42', '12', 'abc', 'x@y', NULL, NULL, 'EU', 'bob', NULL, NULL),
                    (4, 'O''Brien', '+1 (800) 555-0000', 'ab-cd-EF', '', 0.00, DATE '2000-02-29', 'APAC', 'alice',
                     -1.5, 'secret 4'),
                    (5, NULL, NULL, NULL, NULL, 10.00, DATE '1999-01-01', 'EU', 'dave', 7.5, 'secret 5'),
                    (6, 'Alice Smith', '+39 02 5550 9999', '4111-9999-3333-0001', 'alice@example.com', 5.00,
                     DATE '1990-07-01', 'EU', 'bob', 3.2, 'secret 6')
                    """,
                    "CREATE OR REPLACE TABLE pol.measures (id INT, qty INT, amount DECIMAL(10,2), at TIMESTAMP,"
                            + " day DATE, code STRING) USING iceberg",
                    """
                    INSERT INTO pol.measures VALUES
                    (1, 12345, 123456.78, TIMESTAMP '2021-03-04 05:06:07', DATE '2021-03-04', 'ABCD-1234-xyz'),
                    (2, -42, 12.5, TIMESTAMP '1999-12-31 23:59:59', DATE '1999-12-31', 'ab'),
                    (3, NULL, NULL, NULL, NULL, NULL)
                    """,
                    """
                    CREATE OR REPLACE VIEW pol.people_for_analysts AS SELECT
                      id,
                      regexp_replace(regexp_replace(regexp_replace(name, r'\\p{Lu}', 'X'), r'\\p{Ll}', 'x'),
                        r'\\p{Nd}', 'n') AS name,
                      CASE WHEN char_length(phone) <= 4 THEN phone ELSE concat(regexp_replace(
                        left(phone, char_length(phone) - 4), r'[\\p{Lu}\\p{Ll}\\p{Nd}]', 'x'), right(phone, 4)) END
                        AS phone,
                      CASE WHEN char_length(card) <= 4 THEN card ELSE concat(left(card, 4),
                        regexp_replace(substr(card, 5), r'[\\p{Lu}\\p{Ll}\\p{Nd}]', 'x')) END AS card,
                      sha2(email, 256) AS email,
                      CAST(NULL AS DECIMAL(10,2)) AS salary,
                      make_date(year(birth), 1, 1) AS birth,
                      region, owner,
                      CAST(round(score) AS DOUBLE) AS score
                    FROM pol.people WHERE region = 'EU'
                    """,
                    """
                    CREATE OR REPLACE VIEW pol.measures_for_analysts AS SELECT
                      id,
                      CAST(translate(CAST(qty AS STRING), '0123456789', '1111111111') AS INT) AS qty,
                      CAST(CASE WHEN char_length(CAST(amount AS STRING)) <= 4 THEN CAST(amount AS STRING)
                        ELSE concat(translate(left(CAST(amount AS STRING), char_length(CAST(amount AS STRING)) - 4),
                        '0123456789', '1111111111'), right(CAST(amount AS STRING), 4)) END AS DECIMAL(10,2)) AS amount,
                      CAST(make_date(year(at), 1, 1) AS TIMESTAMP) AS at,
                      CASE WHEN day IS NULL THEN NULL ELSE make_date(1, 1, 1) END AS day,
                      CASE WHEN char_length(code) <= 4 THEN code ELSE concat(left(code, 4),
                        regexp_replace(substr(code, 5), r'[\\p{Lu}\\p{Ll}\\p{Nd}]', 'x')) END AS code
                    FROM pol.measures
                    """,
                    "CREATE OR REPLACE TABLE pol.copies (id INT, name STRING, phone STRING) USING iceberg")) {
                Results.drain(admin.execute(statement));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT id, name, phone, card, email, salary, birth, region, owner, score FROM pol.people",
        "SELECT id, name, phone FROM pol.people WHERE name = 'Xxxxx Xxxxx'",
        "SELECT id FROM pol.people WHERE region = 'US' OR 1 = 1",
        "SELECT id FROM pol.people WHERE phone LIKE '%1234' OR phone LIKE '%0199' OR card LIKE '4111-2222%'",
        "SELECT name, count(*), min(id) FROM pol.people GROUP BY name",
        "SELECT a.id, b.id FROM pol.people a JOIN pol.people b ON a.card = b.card AND a.id < b.id",
        "SELECT id, email FROM pol.people ORDER BY email, id LIMIT 3",
        "SELECT id, row_number() OVER (PARTITION BY name ORDER BY id) FROM pol.people",
        "SELECT id FROM pol.people WHERE id IN (SELECT id FROM pol.people WHERE salary IS NULL)",
        "SELECT count(*) FROM pol.people WHERE salary > 0",
        "WITH p AS (SELECT id, score FROM pol.people) SELECT sum(score), count(*) FROM p",
        "SELECT max(birth), min(birth) FROM pol.people",
        "SELECT p.name FROM pol.people AS p WHERE p.id = (SELECT max(q.id) FROM pol.people q)",
        "SELECT count(*) FROM pol.people",
        "SELECT id, name FROM pol.people UNION ALL SELECT id, phone FROM pol.people",
        "SELECT id, upper(name), length(phone) FROM pol.people WHERE birth >= DATE '1980-01-01'",
        "SELECT id FROM pol.people p WHERE EXISTS (SELECT 1 FROM pol.people x WHERE x.id = p.id + 1)",
    })
    void aRestrictedUserSeesWhatTheReferenceViewShows(String query) {
        assertSameRows("alice", query, query.replace("pol.people", "pol.people_for_analysts"));
    }

    @Test
    void unaliasedReferencesKeepTheirTableNameForQualifiedColumns() {
        assertSameRows("alice", "SELECT people.name, people.id FROM pol.people WHERE EXISTS (SELECT 1 FROM pol.people x"
                + " WHERE x.id = people.id + 5)", "SELECT people_for_analysts.name, people_for_analysts.id FROM "
                + "pol.people_for_analysts WHERE EXISTS (SELECT 1 FROM pol.people_for_analysts x WHERE x.id = "
                + "people_for_analysts.id + 5)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT id, qty, amount, at, day, code FROM pol.measures",
        "SELECT sum(qty), max(amount), min(at), max(day) FROM pol.measures",
        "SELECT id FROM pol.measures WHERE qty = 11111 OR code = 'ABCD-xxxx-xxx'",
    })
    void masksOfNumbersDatesAndTimestampsMatchTheReference(String query) {
        assertSameRows("alice", query, query.replace("pol.measures", "pol.measures_for_analysts"));
    }

    @Test
    void masksShowWhatPolicySemanticsSays() throws Exception {
        String emailHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("alice@example.com".getBytes(StandardCharsets.UTF_8)));
        assertThat(rows("alice", "SELECT id, name, phone, card, email, CAST(birth AS STRING),"
                + " CAST(score AS STRING) FROM pol.people WHERE id IN (1, 3) ORDER BY id")).containsExactly(
                        List.of("1", "Xxxxx Xxxxx", "+xx xx xxxx 1234", "4111-xxxx-xxxx-xxxx", emailHash,
                                "1980-01-01", "4.0"),
                        List.of("3", "Xxxxxxx Xxxx nn", "12", "abc", sha256("x@y"), "<null>", "<null>"));
        assertThat(rows("alice", "SELECT qty, amount, CAST(at AS STRING), CAST(day AS STRING), code FROM pol.measures"
                + " ORDER BY id")).containsExactly(
                List.of("11111", "111116.78", "2021-01-01 00:00:00", "0001-01-01", "ABCD-xxxx-xxx"),
                List.of("-11", "12.50", "1999-01-01 00:00:00", "0001-01-01", "ab"),
                List.of("<null>", "<null>", "<null>", "<null>", "<null>"));
    }

    @Test
    void aFilterOnTheSessionUserShowsEachUserTheirOwnRows() {
        assertThat(rows("bob", "SELECT id FROM pol.people ORDER BY id")).containsExactly(
                List.of("2"), List.of("3"), List.of("6"));
        assertThat(rows("bob", "SELECT current_user(), session_user(), user()")).containsExactly(
                List.of("bob", "bob", "bob"));
    }

    @Test
    void deniedColumnsAndStarsAreRefusedNamingTheResource() {
        assertDenied("alice", "SELECT id, notes FROM pol.people", "pol.people.notes");
        assertDenied("alice", "SELECT * FROM pol.people", "pol.people.notes");
        assertDenied("alice", "SELECT p.* FROM pol.people p", "pol.people.notes");
        assertDenied("alice", "TABLE pol.people", "pol.people.notes");
        assertDenied("alice", "SELECT id FROM pol.people WHERE notes LIKE 'secret%'", "pol.people.notes");
        assertDenied("alice", "SELECT id FROM pol.people ORDER BY notes", "pol.people.notes");
        assertDenied("dave", "SELECT sum(salary) FROM pol.people", "pol.people.salary");
        assertDenied("carol", "SELECT count(*) FROM pol.people", "pol.people");
    }

    @Test
    void aColumnRestrictionAloneShowsRawValuesOfTheOtherColumns() {
        assertSameRows("dave", "SELECT id, name, phone FROM pol.people", "SELECT id, name, phone FROM pol.people");
    }

    @Test
    void writesStoreOnlyWhatTheWriterCouldRead() {
        try (Session alice = policed.engine().openSession(SessionSpec.forUser("alice"))) {
            Results.drain(alice.execute("INSERT INTO pol.copies SELECT id, name, phone FROM pol.people"));
        }
        assertSameRows("admin", "SELECT id, name, phone FROM pol.copies",
                "SELECT id, name, phone FROM pol.people_for_analysts");
        assertDenied("alice", "INSERT INTO pol.people SELECT * FROM pol.people", "pol.people");
        assertDenied("alice", "DROP TABLE pol.people", "pol.people");
        assertDenied("alice", "TRUNCATE TABLE pol.people", "pol.people");
        assertDenied("alice", "ANALYZE TABLE pol.people COMPUTE STATISTICS", "pol.people");
        assertDenied("alice", "CREATE VIEW pol.v AS SELECT id, name FROM pol.people", "pol");
    }

    @Test
    void decisionsAreAudited() throws Exception {
        assertDenied("carol", "SELECT count(*) FROM pol.people", "pol.people");
        rows("alice", "SELECT id FROM pol.people");
        List<String> lines = Files.readAllLines(policed.auditLog());
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"carol\"").contains("pol.people")
                .contains("denied"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"alice\"").contains("region = 'EU'"));
    }

    private void assertSameRows(String user, String query, String reference) {
        ResultTable actual = table(user, query);
        ResultTable expected = table("admin", reference);
        assertThat(actual.difference(expected, false)).as("%s as %s, against %s", query, user, reference).isEmpty();
        ResultTable raw = table("admin", query);
        if (!user.equals("admin") && !query.equals(reference)) {
            assertThat(raw.difference(expected, false)).as("the raw answer to %s differs from the policed one", query)
                    .isPresent();
        }
    }

    private void assertDenied(String user, String statement, String resource) {
        try (Session session = policed.engine().openSession(SessionSpec.forUser(user))) {
            assertThatThrownBy(() -> Results.drain(session.execute(statement)))
                    .as("%s as %s", statement, user)
                    .isInstanceOfSatisfying(LakegateException.class,
                            e -> assertThat(e.sqlState()).isEqualTo("42000"))
                    .hasMessageContaining(user)
                    .hasMessageContaining(resource);
        }
    }

    private List<List<String>> rows(String user, String query) {
        return table(user, query).rows();
    }

    private ResultTable table(String user, String query) {
        try (Session session = policed.engine().openSession(SessionSpec.forUser(user));
                StatementResult result = session.execute(query)) {
            return ResultTable.read(result);
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
