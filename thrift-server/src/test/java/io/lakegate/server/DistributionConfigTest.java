package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.catalog.CatalogConfigKeys;
import io.lakegate.common.ConfigKey;
import io.lakegate.engine.EngineConfigKeys;
import io.lakegate.policy.PolicyConfigKeys;
import io.lakegate.server.auth.AuthConfigKeys;
import io.lakegate.server.tls.TlsConfigKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The distribution's conf/lakegate.properties lists every key, commented out, with its default and description, in
 * the order of docs/configuration.md. When a key changes, the test writes the file as it should be to
 * target/lakegate.properties, to copy over src/dist/conf/lakegate.properties.
 */
class DistributionConfigTest {
    private static final Path CONF = Path.of("src", "dist", "conf", "lakegate.properties");
    private static final Path EXPECTED = Path.of("target", "lakegate.properties");
    private static final Map<String, List<ConfigKey<?>>> SECTIONS = sections();

    @Test
    void listsEveryKeyWithItsDefaultAndDescription() throws IOException {
        String expected = render();
        Files.createDirectories(EXPECTED.getParent());
        Files.writeString(EXPECTED, expected);
        assertThat(Files.readString(CONF)).as("%s is out of date; %s has what it should hold", CONF, EXPECTED)
                .isEqualTo(expected);
    }

    private static Map<String, List<ConfigKey<?>>> sections() {
        Map<String, List<ConfigKey<?>>> sections = new LinkedHashMap<>();
        sections.put("Catalog", CatalogConfigKeys.ALL);
        sections.put("Engine and local clusters", EngineConfigKeys.ALL);
        sections.put("Policies", PolicyConfigKeys.ALL);
        sections.put("Server", ThriftServerConfigKeys.ALL);
        sections.put("TLS", TlsConfigKeys.ALL);
        sections.put("Authentication", AuthConfigKeys.ALL);
        return sections;
    }

    private static String render() {
        StringBuilder text = new StringBuilder()
                .append("# Lakegate's settings. Every key is listed with its default; remove the # to change one.\n")
                .append("# A -D option in LAKEGATE_OPTS or an environment variable (LAKEGATE_SERVER_PORT for\n")
                .append("# lakegate.server.port) overrides this file. Keys starting with spark. are passed to every\n")
                .append("# cluster. docs/configuration.md describes them all.\n");
        SECTIONS.forEach((section, keys) -> {
            text.append("\n# ---- ").append(section).append(" ----\n");
            for (ConfigKey<?> key : keys) {
                text.append("\n# ").append(key.description()).append('\n');
                // A default that is no literal value (derived, none, empty) is described, and the line left blank.
                boolean literal = key.defaultValue() != null && !key.defaultValue().toString().isEmpty();
                if (!literal) {
                    text.append("# Default: ").append(key.defaultDescription()).append('\n');
                }
                text.append('#').append(key.name()).append('=').append(literal ? key.defaultDescription() : "")
                        .append('\n');
            }
        });
        return text.toString();
    }
}
