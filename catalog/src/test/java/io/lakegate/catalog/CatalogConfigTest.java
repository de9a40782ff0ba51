package io.lakegate.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.lakegate.common.ConfigKey;
import io.lakegate.common.LakegateException;
import io.lakegate.common.Settings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogConfigTest {

    @Test
    void defaultsDeriveAbsoluteLocationsFromTheDataDirectory() {
        CatalogConfig config = CatalogConfig.from(Settings.empty());

        Path dataDir = Path.of("data").toAbsolutePath();
        assertThat(config.name()).isEqualTo("lakehouse");
        assertThat(config.defaultDatabase()).isEqualTo("default");
        assertThat(config.dataDir()).isEqualTo(dataDir).isAbsolute();
        assertThat(config.uri()).isEqualTo("jdbc:sqlite:" + dataDir.resolve("catalog.db"));
        assertThat(config.warehouse()).isEqualTo(dataDir.resolve("warehouse").toString());
        assertThat(Path.of(config.warehouse())).isAbsolute();
        assertThat(config.user()).isEmpty();
        assertThat(config.password()).isEmpty();
    }

    @Test
    void derivedDefaultsFollowAnOverriddenDataDirectory() {
        CatalogConfig config = CatalogConfig.from(Settings.of(Map.of("lakegate.data.dir", "relative/../lake")));

        Path dataDir = Path.of("lake").toAbsolutePath();
        assertThat(config.dataDir()).isEqualTo(dataDir);
        assertThat(config.uri()).isEqualTo("jdbc:sqlite:" + dataDir + "/catalog.db");
        assertThat(config.warehouse()).isEqualTo(dataDir + "/warehouse");
    }

    @Test
    void everyKeyCanBeOverridden() {
        CatalogConfig config = CatalogConfig.from(Settings.of(Map.of(
                "lakegate.data.dir", "/srv/lakegate",
                "lakegate.catalog.name", "prod",
                "lakegate.catalog.default-database", "sales",
                "lakegate.catalog.uri", "jdbc:postgresql://db:5432/iceberg",
                "lakegate.catalog.user", "iceberg",
                "lakegate.catalog.password", "s3cr3t",
                "lakegate.catalog.warehouse", "s3a://bucket/warehouse")));

        assertThat(config).isEqualTo(new CatalogConfig("prod", "sales", "jdbc:postgresql://db:5432/iceberg",
                "s3a://bucket/warehouse", Optional.of("iceberg"), Optional.of("s3cr3t"), Path.of("/srv/lakegate")));
    }

    @Test
    void emptyUserAndPasswordCountAsNotSet() {
        CatalogConfig config = CatalogConfig.from(
                Settings.of(Map.of("lakegate.catalog.user", "", "lakegate.catalog.password", "")));

        assertThat(config.user()).isEmpty();
        assertThat(config.password()).isEmpty();
    }

    @Test
    void rejectsACatalogNameSqlCannotWriteUnquoted() {
        assertThatThrownBy(() -> CatalogConfig.from(Settings.of(Map.of("lakegate.catalog.name", "my.catalog"))))
                .isInstanceOfSatisfying(LakegateException.class,
                        e -> assertThat(e.sqlState()).isEqualTo("22023"))
                .hasMessage("Invalid value 'my.catalog' for lakegate.catalog.name: "
                        + "expected a name of letters, digits and underscores");
    }

    @Test
    void rejectsAnEmptyUri() {
        assertThatThrownBy(() -> CatalogConfig.from(Settings.of(Map.of("lakegate.catalog.uri", " "))))
                .isInstanceOfSatisfying(LakegateException.class,
                        e -> assertThat(e.sqlState()).isEqualTo("22023"))
                .hasMessageStartingWith("Invalid value ' ' for lakegate.catalog.uri");
    }

    @Test
    void toStringHidesThePasswordAndPasswordsInTheUri() {
        CatalogConfig config = CatalogConfig.from(Settings.of(Map.of(
                "lakegate.catalog.uri", "jdbc:postgresql://db/iceberg?user=a&password=inUrl&ssl=true",
                "lakegate.catalog.user", "iceberg",
                "lakegate.catalog.password", "s3cr3t")));

        assertThat(config.toString())
                .doesNotContain("s3cr3t", "inUrl")
                .contains("uri=jdbc:postgresql://db/iceberg?user=a&password=***&ssl=true", "user=iceberg",
                        "password=***");
    }

    @Test
    void redactsUserInfoPasswords() {
        CatalogConfig config = CatalogConfig.from(Settings.of(Map.of("lakegate.catalog.uri",
                "jdbc:postgresql://iceberg:hunter2@db/iceberg")));

        assertThat(config.toString()).doesNotContain("hunter2").contains("//iceberg:***@db/iceberg");
    }

    @Test
    void icebergPropertiesForTheSqliteDefault() {
        CatalogConfig config = CatalogConfig.from(Settings.of(Map.of("lakegate.data.dir", "/srv/lakegate")));

        assertThat(config.icebergProperties()).containsExactly(
                entry("jdbc.busy_timeout", "10000"),
                entry("jdbc.schema-version", "V1"),
                entry("type", "jdbc"),
                entry("uri", "jdbc:sqlite:/srv/lakegate/catalog.db"),
                entry("warehouse", "/srv/lakegate/warehouse"));
    }

    @Test
    void icebergPropertiesCarryCredentialsAndNoSqliteSettingsForOtherDatabases() {
        CatalogConfig config = CatalogConfig.from(Settings.of(Map.of(
                "lakegate.catalog.uri", "jdbc:postgresql://db/iceberg",
                "lakegate.catalog.user", "iceberg",
                "lakegate.catalog.password", "s3cr3t",
                "lakegate.catalog.warehouse", "s3a://bucket/warehouse")));

        assertThat(config.icebergProperties()).containsOnly(
                entry("type", "jdbc"),
                entry("uri", "jdbc:postgresql://db/iceberg"),
                entry("warehouse", "s3a://bucket/warehouse"),
                entry("jdbc.schema-version", "V1"),
                entry("jdbc.user", "iceberg"),
                entry("jdbc.password", "s3cr3t"));
    }

    @Test
    void everyKeyIsListedOnceWithADescription() {
        assertThat(CatalogConfigKeys.ALL).extracting(ConfigKey::name).doesNotHaveDuplicates().containsExactly(
                "lakegate.data.dir",
                "lakegate.catalog.name",
                "lakegate.catalog.default-database",
                "lakegate.catalog.uri",
                "lakegate.catalog.user",
                "lakegate.catalog.password",
                "lakegate.catalog.warehouse");
        assertThat(CatalogConfigKeys.ALL).allSatisfy(key -> assertThat(key.description()).isNotBlank());
        assertThat(CatalogConfigKeys.URI.defaultDescription()).isEqualTo("jdbc:sqlite:<data dir>/catalog.db");
        assertThat(CatalogConfigKeys.WAREHOUSE.defaultDescription()).isEqualTo("<data dir>/warehouse");
    }
}
