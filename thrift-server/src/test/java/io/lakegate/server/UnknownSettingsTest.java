package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.common.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnknownSettingsTest {
    @Test
    void renamedAndMisspeltKeysAreNamedOthersAreNot() {
        Settings settings = Settings.of(Map.of(
                "lakegate.server.max-sessions", "5",
                "lakegate.server.max-frame-bytes", "1m",
                "lakegate.engine.max-sessions", "5",
                "lakegate.server.port", "0",
                "lakegate.policy.file", "policies.json",
                "lakegate.catalog.name", "lake",
                "spark.sql.shuffle.partitions", "4"));

        assertThat(UnknownSettings.of(settings))
                .containsExactly("lakegate.server.max-frame-bytes", "lakegate.server.max-sessions");
    }
}
