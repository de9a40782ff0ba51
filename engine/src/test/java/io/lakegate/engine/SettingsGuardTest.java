package io.lakegate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.common.LakegateException;
import io.lakegate.engine.frontend.StatementType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SettingsGuardTest {
    private static final SettingsGuard DEFAULTS =
            SettingsGuard.parse(EngineConfigKeys.SESSION_ALLOWED_SETTINGS.defaultValue());
    /** An administrator who allows everything still cannot allow what is forbidden. */
    private static final SettingsGuard EVERYTHING = SettingsGuard.parse("*");

    @ParameterizedTest
    @ValueSource(strings = {"spark.sql.shuffle.partitions", "spark.sql.session.timeZone", "spark.sql.ansi.enabled",
            "spark.sql.adaptive.enabled", "spark.sql.autoBroadcastJoinThreshold", "spark.sql.files.maxPartitionBytes",
            "spark.sql.legacy.timeParserPolicy", "spark.sql.datetime.java8API.enabled", "spark.sql.orderByOrdinal",
            "spark.sql.groupByOrdinal", "spark.sql.sources.partitionOverwriteMode", "hive.exec.dynamic.partition.mode"})
    void defaultsAllowTheUsualClientSettings(String key) {
        assertThat(DEFAULTS.allows(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // catalogs, and the catalog's credentials that sit under them
        "spark.sql.catalog.x", "spark.sql.catalog.lakehouse.uri", "spark.sql.catalog.lakehouse.jdbc.password",
        "spark.sql.catalog.spark_catalog", "spark.sql.defaultCatalog", "spark.sql.warehouse.dir",
        "spark.sql.catalogImplementation", "spark.sql.globalTempDatabase", "hive.metastore.uris",
        // code: extensions, jars, packages, files, class names
        "spark.sql.extensions", "spark.jars", "spark.jars.packages", "spark.files", "spark.archives",
        "spark.driver.extraClassPath", "spark.executor.extraJavaOptions", "spark.plugins", "spark.connect.extensions",
        "spark.sql.sources.commitProtocolClass", "spark.sql.queryExecutionListeners",
        "spark.sql.streaming.stateStore.providerClass", "spark.sql.cache.serializer",
        // file systems
        "spark.hadoop.fs.s3a.secret.key", "fs.defaultFS", "fs.s3a.access.key", "hadoop.security.authentication",
        // parsing and name resolution
        "spark.sql.caseSensitive", "spark.sql.parser.quotedRegexColumnNames", "spark.sql.parser.escapedStringLiterals",
        "spark.sql.ansi.doubleQuotedIdentifiers", "spark.sql.ansi.enforceReservedKeywords",
        "spark.sql.legacy.ctePrecedencePolicy", "spark.sql.legacy.useCurrentConfigsForView",
        "spark.sql.runSQLOnFiles", "spark.sql.lateralColumnAlias.enableImplicitResolution",
        // substitution, the gateway's own keys, redaction
        "spark.sql.variable.substitute", "spark.lakegate.approved", "spark.redaction.regex",
        "spark.sql.redaction.string.regex",
        // what a statement reads, and checks on the cluster
        "spark.wap.branch", "spark.datasource.iceberg.snapshot-id", "spark.sql.optimizer.excludedRules"})
    void forbiddenWhateverTheListSays(String key) {
        assertThat(EVERYTHING.allows(key)).as(key).isFalse();
        assertThat(DEFAULTS.allows(key)).as(key).isFalse();
        assertThat(SettingsGuard.parse(key).allows(key)).as(key).isFalse();
    }

    @Test
    void forbiddenKeysMatchInAnyCase() {
        assertThat(EVERYTHING.allows("SPARK.SQL.CATALOG.x")).isFalse();
        assertThat(EVERYTHING.allows("Spark.Sql.CaseSensitive")).isFalse();
    }

    @Test
    void listedKeysMatchExactlyAndPrefixesByTheirStart() {
        SettingsGuard guard = SettingsGuard.parse(" spark.sql.shuffle.partitions ,, spark.sql.adaptive.* ,");
        assertThat(guard.allows("spark.sql.shuffle.partitions")).isTrue();
        assertThat(guard.allows("SPARK.SQL.SHUFFLE.PARTITIONS")).isFalse();
        assertThat(guard.allows("spark.sql.shuffle.partitions.x")).isFalse();
        assertThat(guard.allows("spark.sql.adaptive.enabled")).isTrue();
        assertThat(guard.allows("spark.sql.adaptive.skewJoin.enabled")).isTrue();
        assertThat(guard.allows("spark.sql.adaptiveX")).isFalse();
        assertThat(guard.allows("spark.sql.ansi.enabled")).isFalse();
        assertThat(SettingsGuard.parse("").allows("spark.sql.shuffle.partitions")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"spark.*.x", "*spark", "spark.sql.a b"})
    void malformedEntriesAreRejected(String list) {
        assertThatThrownBy(() -> SettingsGuard.parse(list)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a setting key");
    }

    @Test
    void refusalNamesTheKeyTheUserAndTheReason() {
        assertThatThrownBy(() -> DEFAULTS.requireSettable("spark.sql.catalog.x", "bob"))
                .isInstanceOf(LakegateException.class)
                .hasMessage("Setting spark.sql.catalog.x is not allowed for user bob: "
                        + "catalogs and the warehouse are the gateway's")
                .extracting(e -> ((LakegateException) e).sqlState()).isEqualTo("42000");
        assertThatThrownBy(() -> DEFAULTS.requireSettable("spark.sql.cbo.enabled", "bob"))
                .hasMessageEndingWith("it is not in lakegate.session.allowed-settings");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET spark.sql.catalog.evil = org.apache.iceberg.spark.SparkCatalog",
            "set `spark.sql.catalog.evil` = `x`", "SET spark.sql.catalog.lakehouse.uri",
            "SET `spark.sql.catalog.lakehouse.uri`", "SET", "SET -v", "RESET spark.sql.catalog.lakehouse.uri",
            "SET spark.sql.variable.substitute=true", "SET /* c */ spark.sql.catalog.x=y", "SET VAR v = 1",
            "EXECUTE IMMEDIATE 'SET spark.sql.catalog.lakehouse.uri'", "SET fs.defaultFS=file:///",
            "SET spark.sql.cbo.enabled=true"})
    void refusesStatementsThatTouchForbiddenOrUnlistedSettings(String sql) {
        assertThatThrownBy(() -> DEFAULTS.check(sql, StatementType.SET, "bob"))
                .isInstanceOf(LakegateException.class)
                .hasMessageContaining("bob")
                .extracting(e -> ((LakegateException) e).sqlState()).isEqualTo("42000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET spark.sql.shuffle.partitions=3", "SET spark.sql.shuffle.partitions",
            "SET `spark.sql.ansi.enabled` = `true`", "RESET", "RESET spark.sql.shuffle.partitions",
            "SET TIME ZONE 'UTC'", "set spark.sql.sources.partitionOverwriteMode = DYNAMIC\n",
            "SELECT '${spark.sql.catalog.lakehouse.uri}'"})
    void letsAllowedStatementsThrough(String sql) {
        assertThatCode(() -> DEFAULTS.check(sql, StatementType.OTHER, "bob")).doesNotThrowAnyException();
    }

    @Test
    void refusesWhatTheFrontEndReadsAsSetWhenTheReaderDoesNot() {
        assertThatThrownBy(() -> DEFAULTS.check("SELECT 1", StatementType.SET, "bob"))
                .hasMessageContaining("not understood");
    }

    @Test
    void timeZoneNeedsItsKeyAllowed() {
        assertThatThrownBy(() -> SettingsGuard.parse("spark.sql.shuffle.partitions")
                .check("SET TIME ZONE LOCAL", StatementType.SET, "bob"))
                .hasMessageContaining("spark.sql.session.timeZone");
    }
}
