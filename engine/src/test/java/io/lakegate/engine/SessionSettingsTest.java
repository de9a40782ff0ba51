package io.lakegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.engine.SessionSettings.Kind;
import io.lakegate.engine.SessionSettings.Reading;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionSettingsTest {
    @Test
    void setAssignsKeyAndValueAsWritten() {
        assertThat(SessionSettings.assignment("SET spark.sql.shuffle.partitions = 8"))
                .contains(Map.entry("spark.sql.shuffle.partitions", "8"));
        assertThat(SessionSettings.assignment("set spark.sql.session.timeZone=Asia/Tokyo;"))
                .contains(Map.entry("spark.sql.session.timeZone", "Asia/Tokyo"));
    }

    @Test
    void setThatOnlyShowsAssignsNothing() {
        assertThat(SessionSettings.assignment("SET")).isEmpty();
        assertThat(SessionSettings.assignment("SET -v")).isEmpty();
        assertThat(SessionSettings.assignment("SET spark.sql.ansi.enabled")).isEmpty();
        assertThat(SessionSettings.assignment("SET VAR x = 1")).isEmpty();
    }

    @Test
    void resetNamesOneKeyOrAll() {
        assertThat(SessionSettings.resetKey("RESET spark.sql.ansi.enabled")).contains("spark.sql.ansi.enabled");
        assertThat(SessionSettings.resetKey("RESET")).isEmpty();
        assertThat(SessionSettings.read("RESET").kind()).isEqualTo(Kind.RESET_ALL);
        assertThat(SessionSettings.read(" reset `spark.sql.catalog.x` ;")).isEqualTo(
                Reading.of(Kind.RESET_ONE, "spark.sql.catalog.x"));
    }

    @Test
    void commentsAndSpaceBeforeTheKeywordAreHidden() {
        assertThat(SessionSettings.read("/* a /* nested */ comment */ -- line\n\tSET spark.sql.catalog.x=y"))
                .isEqualTo(Reading.assign("spark.sql.catalog.x", "y"));
        // A backslash before the line break continues a -- comment, so SET below is still inside it ...
        assertThat(SessionSettings.read("-- a \\\nSET a=b").kind()).isEqualTo(Kind.NONE);
        // ... but a carriage return ends it.
        assertThat(SessionSettings.read("-- a \\\rSET a=b").kind()).isEqualTo(Kind.ASSIGN);
        // /*+ opens a hint, not a nested comment: the outer comment ends at the first */.
        assertThat(SessionSettings.read("/* /*+ */ SET a=b").kind()).isEqualTo(Kind.ASSIGN);
        assertThat(SessionSettings.read("\u00a0\u3000SET a=b").kind()).isEqualTo(Kind.ASSIGN);
    }

    @Test
    void keysAreReadAsSparkReadsThem() {
        assertThat(SessionSettings.read("SET spark.sql.catalog.lakehouse.uri"))
                .isEqualTo(Reading.of(Kind.SHOW, "spark.sql.catalog.lakehouse.uri"));
        assertThat(SessionSettings.read("SET `spark.sql.catalog.lakehouse.uri`"))
                .isEqualTo(Reading.of(Kind.SHOW, "spark.sql.catalog.lakehouse.uri"));
        assertThat(SessionSettings.read("SET /* c */ `spark.sql.catalog.x` /* c */ = /* c */ `v` ;"))
                .isEqualTo(Reading.assign("spark.sql.catalog.x", "v"));
        assertThat(SessionSettings.read("SET `a``b` = some value;"))
                .isEqualTo(Reading.assign("a`b", "some value"));
        assertThat(SessionSettings.read("SET hivevar:x = `quoted`")).isEqualTo(Reading.assign("hivevar:x", "quoted"));
        assertThat(SessionSettings.read("SET a = b -- the comment is part of the value"))
                .isEqualTo(Reading.assign("a", "b -- the comment is part of the value"));
        assertThat(SessionSettings.read("SET -v").kind()).isEqualTo(Kind.LIST_VERBOSE);
        assertThat(SessionSettings.read("  SET ;").kind()).isEqualTo(Kind.UNREADABLE);
        assertThat(SessionSettings.read("SET").kind()).isEqualTo(Kind.LIST);
        assertThat(SessionSettings.read("SET time zone 'UTC'"))
                .isEqualTo(Reading.of(Kind.TIME_ZONE, "spark.sql.session.timeZone"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET /* c */ a=b", "SET a b = c", "SET `unclosed", "SET `a` b", "RESET a b",
            "RESET /* c */ a", "SET a;b=c"})
    void shapesSparkRejectsAreUnreadable(String sql) {
        assertThat(SessionSettings.read(sql).kind()).isEqualTo(Kind.UNREADABLE);
    }

    @Test
    void variablesAreNotSettings() {
        assertThat(SessionSettings.read("SET VAR x = (SELECT 1)").kind()).isEqualTo(Kind.VARIABLE);
        assertThat(SessionSettings.read("set variable (a, b) = (SELECT 1, 2)").kind()).isEqualTo(Kind.VARIABLE);
        assertThat(SessionSettings.read("DECLARE x INT DEFAULT 1").kind()).isEqualTo(Kind.VARIABLE);
        assertThat(SessionSettings.read("SET var.x = 1")).isEqualTo(Reading.assign("var.x", "1"));
        assertThat(SessionSettings.read("SET VAR = 1")).isEqualTo(Reading.assign("VAR", "1"));
        assertThat(SessionSettings.read("SET variables = 1")).isEqualTo(Reading.assign("variables", "1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"EXECUTE IMMEDIATE 'SET a'", "begin SET a = 1; END", "label: BEGIN SELECT 1; END",
            "/* c */ WHILE true DO SELECT 1; END WHILE"})
    void dynamicSqlAndScriptsRunOtherStatements(String sql) {
        assertThat(SessionSettings.read(sql).kind()).isEqualTo(Kind.RUNS_OTHER_STATEMENTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 'SET a=b'", "settle", "SETTINGS", "RESETS a", "-- SET a=b", "/* SET a=b */",
            "USE db", "WITH x AS (SELECT 1) SELECT * FROM x", "forecast: 1"})
    void otherStatementsAreNone(String sql) {
        assertThat(SessionSettings.read(sql).kind()).isEqualTo(Kind.NONE);
        assertThat(SessionSettings.read(sql).key()).isEqualTo(Optional.empty());
    }
}
