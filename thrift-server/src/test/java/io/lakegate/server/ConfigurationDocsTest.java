package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.common.ConfigKey;
import io.lakegate.server.auth.AuthConfigKeys;
import io.lakegate.server.tls.TlsConfigKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every server key appears in docs/configuration.md with its default and description, word for word. */
class ConfigurationDocsTest {
    private static final Path DOCS = Path.of("..", "docs", "configuration.md");
    static final List<ConfigKey<?>> KEYS = Stream.of(ThriftServerConfigKeys.ALL, TlsConfigKeys.ALL,
            AuthConfigKeys.ALL).flatMap(List::stream).toList();

    @ParameterizedTest(name = "{0}")
    @FieldSource("KEYS")
    void keyIsDocumented(ConfigKey<?> key) throws IOException {
        String row = "| `" + key.name() + "` | `" + key.environmentVariable() + "` | `" + key.defaultDescription()
                + "` | " + key.description() + " |";
        assertThat(Files.readAllLines(DOCS)).contains(row);
    }
}
