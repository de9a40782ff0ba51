package io.lakegate.server.auth;

import com.nimbusds.jose.JWSAlgorithm;
import io.lakegate.common.ConfigKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The keys of the JWT authentication ({@code lakegate.auth.jwt.*}). */
public final class JwtConfigKeys {
    /** The value of {@link #AUDIENCE} that accepts tokens whatever audience they name. */
    public static final String ANY_AUDIENCE = "*";

    /**
     * The signature algorithms a token may use: public-key ones only, so that a public key can never be taken for an
     * HMAC secret (HS256 signed with the published key) and unsigned tokens never pass.
     */
    static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.PS256, JWSAlgorithm.PS384,
            JWSAlgorithm.PS512);

    public static final ConfigKey<URI> JWKS_URL = new ConfigKey<>("lakegate.auth.jwt.jwks-url", null, "(none)",
            "URL of the identity provider's signing keys (a JWKS, the jwks_uri of its OpenID Connect discovery "
                    + "document); required with JWT",
            JwtConfigKeys::jwksUrl);
    public static final ConfigKey<String> ISSUER = new ConfigKey<>("lakegate.auth.jwt.issuer", null, "(none)",
            "The iss claim a token must carry, exactly (the provider's issuer URL); required with JWT",
            text -> nonBlank(text, "expected the issuer URL the provider puts in iss"));
    public static final ConfigKey<Set<String>> AUDIENCE = new ConfigKey<>("lakegate.auth.jwt.audience", null,
            "(none)", "Audiences, comma-separated, of which a token's aud claim must name one (the client id the "
                    + "provider issues tokens for); required with JWT. The value * accepts any audience, which lets "
                    + "in tokens the provider issued to its other applications",
            JwtConfigKeys::audiences);
    public static final ConfigKey<String> USER_CLAIM = new ConfigKey<>("lakegate.auth.jwt.user-claim", "sub", "sub",
            "Claim that holds the user name, such as preferred_username with Keycloak; a dotted path reaches into "
                    + "nested claims",
            text -> nonBlank(text, "expected a claim name"));
    public static final ConfigKey<String> GROUPS_CLAIM = new ConfigKey<>("lakegate.auth.jwt.groups-claim", "groups",
            "groups", "Claim that holds the user's groups, a list of strings or one string, such as "
                    + "realm_access.roles with Keycloak; a dotted path reaches into nested claims. A token without "
                    + "it has no groups",
            text -> nonBlank(text, "expected a claim name"));
    public static final ConfigKey<Set<JWSAlgorithm>> ALGORITHMS = new ConfigKey<>("lakegate.auth.jwt.algorithms",
            ASYMMETRIC, "RS256,RS384,RS512,ES256,ES384,ES512,PS256,PS384,PS512",
            "Signature algorithms accepted, comma-separated; HMAC (HS256 and the like) and none are refused, as "
                    + "they would let anyone with the published keys, or with no key at all, sign tokens",
            JwtConfigKeys::algorithms);
    public static final ConfigKey<Duration> CLOCK_SKEW = bounded(ConfigKey.duration("lakegate.auth.jwt.clock-skew",
            Duration.ofSeconds(60),
            "How far the provider's clock may be from the gateway's when exp, nbf and iat are checked (whole "
                    + "seconds)"),
            Duration.ZERO, Duration.ofHours(1), "0s to 1h");
    public static final ConfigKey<Duration> JWKS_CACHE_TTL = bounded(ConfigKey.duration(
            "lakegate.auth.jwt.jwks-cache-ttl", Duration.ofMinutes(5),
            "How long fetched keys are used before they are fetched again; a token whose key id is unknown fetches "
                    + "them at once"), Duration.ofMillis(1), Duration.ofDays(1), "1ms to 1d");
    public static final ConfigKey<Duration> JWKS_REFRESH_MIN_INTERVAL = bounded(ConfigKey.duration(
            "lakegate.auth.jwt.jwks-refresh-min-interval", Duration.ofSeconds(30),
            "The keys are fetched at most twice in this interval, however many tokens with unknown key ids come; "
                    + "must be shorter than jwks-cache-ttl"), Duration.ofMillis(1), Duration.ofHours(1), "1ms to 1h");
    public static final ConfigKey<Duration> JWKS_OUTAGE_TTL = bounded(ConfigKey.duration(
            "lakegate.auth.jwt.jwks-outage-ttl", Duration.ofHours(1),
            "How long the keys last fetched are still used while the provider cannot be reached; 0 stops accepting "
                    + "tokens as soon as the cached keys expire"), Duration.ZERO, Duration.ofDays(7), "0s to 7d");
    public static final ConfigKey<Duration> JWKS_TIMEOUT = bounded(ConfigKey.duration(
            "lakegate.auth.jwt.jwks-timeout", Duration.ofSeconds(5),
            "Connect timeout, and read timeout, of a fetch of the keys"), Duration.ofMillis(1), Duration.ofMinutes(5),
            "1ms to 5m");
    public static final ConfigKey<Long> MAX_TOKEN_BYTES = bounded(ConfigKey.bytes(
            "lakegate.auth.jwt.max-token-bytes", "16k",
            "Longest token accepted, in bytes (16k, 64k); a longer one is refused before it is parsed"), 1L,
            1024L * 1024, "1 to 1m");

    /** Every key, in the order the documentation lists them. */
    public static final List<ConfigKey<?>> ALL = List.of(JWKS_URL, ISSUER, AUDIENCE, USER_CLAIM, GROUPS_CLAIM,
            ALGORITHMS, CLOCK_SKEW, JWKS_CACHE_TTL, JWKS_REFRESH_MIN_INTERVAL, JWKS_OUTAGE_TTL, JWKS_TIMEOUT,
            MAX_TOKEN_BYTES);

    private JwtConfigKeys() {}

    private static URI jwksUrl(String text) {
        URI url;
        try {
            url = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("expected an http or https URL: " + e.getReason());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("expected an http or https URL with a host");
        }
        return url;
    }

    private static Set<String> audiences(String text) {
        Set<String> audiences = commaSeparated(text);
        if (audiences.isEmpty()) {
            throw new IllegalArgumentException("expected one or more audiences, or " + ANY_AUDIENCE
                    + " to accept any");
        }
        if (audiences.contains(ANY_AUDIENCE) && audiences.size() > 1) {
            throw new IllegalArgumentException(ANY_AUDIENCE + " cannot be combined with audiences");
        }
        return audiences;
    }

    private static Set<JWSAlgorithm> algorithms(String text) {
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (String name : commaSeparated(text)) {
            JWSAlgorithm algorithm = JWSAlgorithm.parse(name.toUpperCase(Locale.ROOT));
            if (!ASYMMETRIC.contains(algorithm)) {
                throw new IllegalArgumentException("'" + name + "' is not accepted (expected some of "
                        + ASYMMETRIC.stream().map(JWSAlgorithm::getName).sorted().collect(Collectors.joining(","))
                        + "; HMAC and none are never accepted)");
            }
            algorithms.add(algorithm);
        }
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("expected one or more algorithms");
        }
        return Set.copyOf(algorithms);
    }

    private static Set<String> commaSeparated(String text) {
        return Arrays.stream(text.split(",", -1)).map(String::trim).filter(part -> !part.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String nonBlank(String text, String expected) {
        if (text.isBlank()) {
            throw new IllegalArgumentException(expected);
        }
        return text.trim();
    }

    /** The key with its parser refusing values outside min to max, naming the range as {@code range} says. */
    private static <T extends Comparable<T>> ConfigKey<T> bounded(ConfigKey<T> plain, T min, T max, String range) {
        Function<String, T> parser = text -> {
            T value = plain.parser().apply(text);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException("expected " + range);
            }
            return value;
        };
        return new ConfigKey<>(plain.name(), plain.defaultValue(), plain.defaultDescription(), plain.description(),
                parser);
    }
}
