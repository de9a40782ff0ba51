package io.lakegate.server;

import io.lakegate.catalog.CatalogConfigKeys;
import io.lakegate.common.ConfigKey;
import io.lakegate.common.Settings;
import io.lakegate.engine.EngineConfigKeys;
import io.lakegate.policy.PolicyConfigKeys;
import io.lakegate.server.auth.AuthConfigKeys;
import io.lakegate.server.tls.TlsConfigKeys;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@code lakegate.*} keys of a configuration that no part of the server reads: a misspelt or renamed key would
 * otherwise be ignored without a word, and its default used instead.
 */
final class UnknownSettings {
    private static final Set<String> KNOWN = Stream.of(CatalogConfigKeys.ALL, EngineConfigKeys.ALL,
                    PolicyConfigKeys.ALL, ThriftServerConfigKeys.ALL, AuthConfigKeys.ALL, TlsConfigKeys.ALL)
            .flatMap(List::stream)
            .map(ConfigKey::name)
            .collect(Collectors.toUnmodifiableSet());

    private UnknownSettings() {}

    static List<String> of(Settings settings) {
        return settings.withPrefix("lakegate.").keySet().stream()
                .filter(key -> !KNOWN.contains(key))
                .sorted()
                .toList();
    }
}
