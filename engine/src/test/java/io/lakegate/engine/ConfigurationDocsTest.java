package io.lakegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.catalog.CatalogConfigKeys;
import io.lakegate.common.ConfigKey;
import io.lakegate.policy.PolicyConfigKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every configuration key appears in docs/configuration.md with its default and description, word for word. */
class ConfigurationDocsTest {
    private static final Path DOCS = Path.of("..", "docs", "configuration.md");

    static Stream<ConfigKey<?>> keys() {
        return Stream.of(CatalogConfigKeys.ALL, EngineConfigKeys.ALL, PolicyConfigKeys.ALL).flatMap(List::stream);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void keyIsDocumented(ConfigKey<?> key) throws IOException {
        String row = "| `" + key.name() + "` | `" + key.environmentVariable() + "` | `" + key.defaultDescription()
                + "` | " + key.description() + " |";
        assertThat(Files.readAllLines(DOCS)).contains(row);
    }
}
