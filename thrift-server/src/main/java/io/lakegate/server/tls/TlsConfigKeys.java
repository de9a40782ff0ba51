package io.lakegate.server.tls;

import io.lakegate.common.ConfigKey;
import io.netty.handler.ssl.ClientAuth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The keys of TLS on both transports ({@code lakegate.server.tls.*}). */
public final class TlsConfigKeys {
    /** The versions the server may offer, newest first; anything older has known weaknesses. */
    static final List<String> SUPPORTED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final List<String> OUTDATED_PROTOCOLS = List.of("SSLv2Hello", "SSLv3", "TLSv1", "TLSv1.1");

    public static final ConfigKey<Boolean> ENABLED = ConfigKey.bool("lakegate.server.tls.enabled", false,
            "Encrypts both transports with TLS; clients then connect with ssl=true. The server does not start when "
                    + "the certificate or key cannot be used");
    public static final ConfigKey<Path> CERTIFICATE = ConfigKey.path("lakegate.server.tls.certificate", null,
            "PEM file with the server's certificate, followed by the intermediate certificates up to its CA");
    public static final ConfigKey<Path> PRIVATE_KEY = ConfigKey.path("lakegate.server.tls.private-key", null,
            "PEM file with the certificate's private key in PKCS#8 (BEGIN PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY)");
    public static final ConfigKey<String> PRIVATE_KEY_PASSWORD = ConfigKey.string(
            "lakegate.server.tls.private-key-password", null, "Password of an encrypted private-key");
    public static final ConfigKey<Path> KEYSTORE = ConfigKey.path("lakegate.server.tls.keystore", null,
            "PKCS#12 file with the private key and its certificate chain, instead of certificate and private-key");
    public static final ConfigKey<String> KEYSTORE_PASSWORD = ConfigKey.string("lakegate.server.tls.keystore-password",
            null, "Password of the keystore, which is also that of the key in it");
    public static final ConfigKey<List<String>> PROTOCOLS = new ConfigKey<>("lakegate.server.tls.protocols",
            SUPPORTED_PROTOCOLS, String.join(",", SUPPORTED_PROTOCOLS),
            "TLS versions the server accepts, comma-separated; TLSv1.2 is the oldest it allows",
            TlsConfigKeys::protocols);
    public static final ConfigKey<ClientAuth> CLIENT_AUTH = new ConfigKey<>("lakegate.server.tls.client-auth",
            ClientAuth.NONE, "NONE",
            "Whether clients present certificates: NONE, OPTIONAL (checked when presented) or REQUIRE (a client "
                    + "without a trusted one is refused)",
            TlsConfigKeys::clientAuth);
    public static final ConfigKey<Path> TRUST_CERTIFICATES = ConfigKey.path("lakegate.server.tls.trust-certificates",
            null, "PEM file with the CA certificates client certificates must chain to; required unless client-auth "
                    + "is NONE");
    public static final ConfigKey<Duration> RELOAD_INTERVAL = nonNegativeDuration(
            "lakegate.server.tls.reload-interval", Duration.ofMinutes(1),
            "How often a new connection checks whether the files above changed, and loads them again if so; open "
                    + "connections keep what they started with. 0 never checks");

    /** Every key, in the order the documentation lists them. */
    public static final List<ConfigKey<?>> ALL = List.of(ENABLED, CERTIFICATE, PRIVATE_KEY, PRIVATE_KEY_PASSWORD,
            KEYSTORE, KEYSTORE_PASSWORD, PROTOCOLS, CLIENT_AUTH, TRUST_CERTIFICATES, RELOAD_INTERVAL);

    private TlsConfigKeys() {}

    private static List<String> protocols(String text) {
        List<String> protocols = new ArrayList<>();
        for (String part : text.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            String known = canonical(SUPPORTED_PROTOCOLS, name);
            if (known == null) {
                String outdated = canonical(OUTDATED_PROTOCOLS, name);
                throw new IllegalArgumentException(outdated != null
                        ? outdated + " is older than TLSv1.2, the oldest version the server allows"
                        : "unknown TLS version " + name + " (expected " + String.join(" or ", SUPPORTED_PROTOCOLS)
                                + ")");
            }
            if (!protocols.contains(known)) {
                protocols.add(known);
            }
        }
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("expected one or more of " + String.join(", ", SUPPORTED_PROTOCOLS));
        }
        return List.copyOf(protocols);
    }

    private static String canonical(List<String> names, String name) {
        return names.stream().filter(known -> known.equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    private static ClientAuth clientAuth(String text) {
        try {
            return ClientAuth.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected NONE, OPTIONAL or REQUIRE");
        }
    }

    private static ConfigKey<Duration> nonNegativeDuration(String name, Duration defaultValue, String description) {
        ConfigKey<Duration> plain = ConfigKey.duration(name, defaultValue, description);
        return new ConfigKey<>(name, defaultValue, plain.defaultDescription(), description, text -> {
            Duration value = plain.parser().apply(text);
            if (value.isNegative()) {
                throw new IllegalArgumentException("expected a duration of 0 or more");
            }
            return value;
        });
    }
}
