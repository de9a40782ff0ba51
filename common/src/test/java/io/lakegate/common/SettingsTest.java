package io.lakegate.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    private static final ConfigKey<Integer> PORT = ConfigKey.integer("lakegate.server.port", 10000, "port");
    private static final ConfigKey<Duration> TIMEOUT =
            ConfigKey.duration("lakegate.session.idle-timeout", Duration.ofMinutes(30), "idle timeout");
    private static final ConfigKey<Boolean> ENABLED = ConfigKey.bool("lakegate.feature.enabled", false, "switch");
    private static final ConfigKey<String> REQUIRED = ConfigKey.derived("lakegate.required", "computed", "x", s -> s);

    @Test
    void defaultsApplyWhenNothingSetsAKey() {
        Settings settings = Settings.empty();
        assertThat(settings.get(PORT)).isEqualTo(10000);
        assertThat(settings.get(TIMEOUT)).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.find(PORT)).isEmpty();
    }

    @Test
    void explicitEntriesWinOverEnvironmentWhichWinsOverTheFile(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("lakegate.properties");
        Files.writeString(file, "lakegate.server.port = 10100\nspark.sql.ansi.enabled=true\n");
        Map<String, String> environment = Map.of("LAKEGATE_SERVER_PORT", "10200");

        Settings fileOnly = Settings.layered(Map.of(), environment::get, Optional.of(file));
        assertThat(fileOnly.get(PORT)).isEqualTo(10200);
        assertThat(Settings.layered(Map.of("lakegate.server.port", "10300"), environment::get, Optional.of(file))
                        .get(PORT))
                .isEqualTo(10300);
        assertThat(Settings.layered(Map.of(), name -> null, Optional.of(file)).get(PORT)).isEqualTo(10100);
        assertThat(fileOnly.withPrefix("spark.")).containsExactly(Map.entry("spark.sql.ansi.enabled", "true"));
    }

    @Test
    void environmentVariableNamesFollowTheKey() {
        assertThat(PORT.environmentVariable()).isEqualTo("LAKEGATE_SERVER_PORT");
        assertThat(TIMEOUT.environmentVariable()).isEqualTo("LAKEGATE_SESSION_IDLE_TIMEOUT");
    }

    @Test
    void durationsTakeUnitsOrIsoForm() {
        assertThat(ConfigKey.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ConfigKey.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(ConfigKey.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ConfigKey.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(ConfigKey.parseDuration("PT45S")).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void sizesTakeUnits() {
        assertThat(ConfigKey.parseBytes("512k")).isEqualTo(512L * 1024);
        assertThat(ConfigKey.parseBytes("64m")).isEqualTo(64L << 20);
        assertThat(ConfigKey.parseBytes("1GB")).isEqualTo(1L << 30);
        assertThat(ConfigKey.parseBytes("1000")).isEqualTo(1000);
        assertThatThrownBy(() -> ConfigKey.parseBytes("lots")).hasMessageContaining("expected a size");
        assertThatThrownBy(() -> ConfigKey.parseBytes("0m")).hasMessageContaining("above zero");
    }

    @Test
    void durationDefaultsAreDocumentedInTheFormTheyAreWritten() {
        for (Duration duration : new Duration[] {
            Duration.ofMinutes(3), Duration.ofSeconds(90), Duration.ofMillis(1500), Duration.ofHours(2), Duration.ZERO
        }) {
            assertThat(ConfigKey.parseDuration(ConfigKey.show(duration))).isEqualTo(duration);
        }
        assertThat(TIMEOUT.defaultDescription()).isEqualTo("30m");
    }

    @Test
    void badValuesNameTheKeyAndWhatWasExpected() {
        Settings settings = Settings.of(Map.of(
                "lakegate.server.port", "ten thousand",
                "lakegate.session.idle-timeout", "soon",
                "lakegate.feature.enabled", "maybe"));
        assertThatThrownBy(() -> settings.get(PORT))
                .isInstanceOfSatisfying(LakegateException.class, e -> assertThat(e.sqlState()).isEqualTo("22023"))
                .hasMessage("Invalid value 'ten thousand' for lakegate.server.port: expected a whole number");
        assertThatThrownBy(() -> settings.get(TIMEOUT)).hasMessageContaining("expected a duration such as 500ms");
        assertThatThrownBy(() -> settings.get(ENABLED)).hasMessageEndingWith("expected true or false");
    }

    @Test
    void aRequiredKeyWithoutValueSaysSo() {
        assertThatThrownBy(() -> Settings.empty().get(REQUIRED))
                .hasMessage("The setting lakegate.required is required but not set");
    }

    @Test
    void withAddsAnEntryThatWins() {
        Settings settings = Settings.of(Map.of("lakegate.server.port", "1")).with("lakegate.server.port", "2");
        assertThat(settings.get(PORT)).isEqualTo(2);
    }

    @Test
    void sqlStatesAreChecked() {
        assertThatThrownBy(() -> new LakegateException("4200", "short"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new LakegateException("42P01", "missing").sqlState()).isEqualTo("42P01");
    }
}
