package io.lakegate.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.PlainJWT;
import io.lakegate.common.LakegateException;
import io.lakegate.common.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

class JwtAuthenticatorTest {
    private final Logger log = (Logger) LoggerFactory.getLogger(JwtAuthenticator.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private JwksServer jwks;

    @BeforeEach
    void start() {
        jwks = JwksServer.start();
        logged.start();
        log.addAppender(logged);
        log.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stop() {
        jwks.close();
        log.detachAppender(logged);
        log.setLevel(null);
    }

    @Test
    void rs256TokenProvesUserAndGroups() {
        try (JwtAuthenticator authenticator = authenticator()) {
            assertThat(authenticator.authenticate(jwks.token("alice", "analysts", "admins")))
                    .contains(new Identity("alice", Set.of("analysts", "admins")));
        }
    }

    @Test
    void es256TokenProvesUser() {
        try (JwtAuthenticator authenticator = authenticator()) {
            String token = jwks.tokenBuilder().key(jwks.ecKey()).user("bob").groups("etl").sign();
            assertThat(authenticator.authenticate(token)).contains(new Identity("bob", Set.of("etl")));
        }
    }

    @Test
    void ps256TokenProvesUser() {
        try (JwtAuthenticator authenticator = authenticator()) {
            String token = jwks.tokenBuilder().algorithm(JWSAlgorithm.PS256).user("carol").sign();
            assertThat(authenticator.authenticate(token)).contains(Identity.of("carol"));
        }
    }

    @Test
    void algorithmsNotListedAreRefused() {
        try (JwtAuthenticator authenticator = authenticator(JwtConfigKeys.ALGORITHMS.name(), "RS256")) {
            assertThat(authenticator.authenticate(jwks.tokenBuilder().key(jwks.ecKey()).sign())).isEmpty();
            assertThat(authenticator.authenticate(jwks.token("alice"))).isPresent();
        }
        assertRefusedBecause("algorithm ES256 is not one of lakegate.auth.jwt.algorithms");
    }

    @Test
    void expiredTokenIsRefused() {
        try (JwtAuthenticator authenticator = authenticator()) {
            assertThat(authenticator.authenticate(jwks.tokenBuilder().expiresIn(Duration.ofMinutes(-2)).sign()))
                    .isEmpty();
        }
        assertRefusedBecause("Expired JWT");
    }

    @Test
    void tokenExpiredWithinTheClockSkewIsAccepted() {
        try (JwtAuthenticator authenticator = authenticator()) {
            assertThat(authenticator.authenticate(jwks.tokenBuilder().expiresIn(Duration.ofSeconds(-20)).sign()))
                    .isPresent();
        }
        try (JwtAuthenticator strict = authenticator(JwtConfigKeys.CLOCK_SKEW.name(), "0s")) {
            assertThat(strict.authenticate(jwks.tokenBuilder().expiresIn(Duration.ofSeconds(-20)).sign())).isEmpty();
        }
    }

    @Test
    void tokenWithoutExpiryIsRefused() {
        try (JwtAuthenticator authenticator = authenticator()) {
            assertThat(authenticator.authenticate(jwks.tokenBuilder().claim("exp", null).sign())).isEmpty();
        }
        assertRefusedBecause("exp");
    }

    @Test
    void tokenNotYetValidIsRefused() {
        try (JwtAuthenticator authenticator = authenticator()) {
            Instant later = Instant.now().plus(Duration.ofMinutes(5));
            assertThat(authenticator.authenticate(jwks.tokenBuilder().claim("nbf", later).sign())).isEmpty();
            Instant withinSkew = Instant.now().plus(Duration.ofSeconds(20));
            assertThat(authenticator.authenticate(jwks.tokenBuilder().claim("nbf", withinSkew).sign())).isPresent();
        }
        assertRefusedBecause("before use time");
    }

    @Test
    void tokenIssuedInTheFutureIsRefused() {
        try (JwtAuthenticator authenticator = authenticator()) {
            Instant later = Instant.now().plus(Duration.ofMinutes(5));
            assertThat(authenticator.authenticate(jwks.tokenBuilder().claim("iat", later).sign())).isEmpty();
        }
        assertRefusedBecause("issued in the future");
    }

    @Test
    void tokenOfAnotherIssuerIsRefused() {
        try (JwtAuthenticator authenticator = authenticator()) {
            assertThat(authenticator.authenticate(jwks.tokenBuilder().claim("iss", "https://evil.example").sign()))
                    .isEmpty();
            assertThat(authenticator.authenticate(jwks.tokenBuilder().claim("iss", null).sign())).isEmpty();
        }
        assertRefusedBecause("iss");
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        try (JwtAuthenticator authenticator = authenticator()) {
            assertThat(authenticator.authenticate(jwks.tokenBuilder().claim("aud", "billing").sign())).isEmpty();
            assertThat(authenticator.authenticate(jwks.tokenBuilder().claim("aud", null).sign())).isEmpty();
            assertThat(authenticator.authenticate(jwks.tokenBuilder().claim("aud", List.of("billing", "lakegate"))
                    .sign())).isPresent();
        }
        assertRefusedBecause("aud claim rejected");
    }

    @Test
    void audienceListAndOptOut() {
        String billing = jwks.tokenBuilder().claim("aud", "billing").sign();
        try (JwtAuthenticator authenticator = authenticator(JwtConfigKeys.AUDIENCE.name(), "lakegate, billing")) {
            assertThat(authenticator.authenticate(billing)).isPresent();
        }
        try (JwtAuthenticator any = authenticator(JwtConfigKeys.AUDIENCE.name(), "*")) {
            assertThat(any.authenticate(billing)).isPresent();
            assertThat(any.authenticate(jwks.tokenBuilder().claim("aud", null).sign())).isPresent();
        }
    }

    @Test
    void rotatedKeyIsFetchedOnceAndAccepted() {
        try (JwtAuthenticator authenticator = authenticator()) {
            assertThat(authenticator.authenticate(jwks.token("alice"))).isPresent();
            assertThat(jwks.fetches()).isEqualTo(1);

            jwks.rotate();
            assertThat(authenticator.authenticate(jwks.token("bob"))).contains(Identity.of("bob"));
            assertThat(authenticator.authenticate(jwks.token("carol"))).contains(Identity.of("carol"));
            assertThat(jwks.fetches()).isEqualTo(2);
        }
    }

    @Test
    void burstOfUnknownKeyIdsIsRefusedWithinTheRefreshRateLimit() throws Exception {
        try (JwtAuthenticator authenticator = authenticator()) {
            assertThat(authenticator.authenticate(jwks.token("alice"))).isPresent();
            List<Callable<Optional<Identity>>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String forged = jwks.tokenBuilder().key(JwksServer.newEcKey("unknown-" + i)).sign();
                calls.add(() -> authenticator.authenticate(forged));
            }
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                for (Future<Optional<Identity>> result : threads.invokeAll(calls, 1, TimeUnit.MINUTES)) {
                    assertThat(result.get()).isEmpty();
                }
            } finally {
                threads.shutdownNow();
            }
            // The first fetch, then one refresh: the limit allows two fetches per interval.
            assertThat(jwks.fetches()).isEqualTo(2);
            assertThat(authenticator.authenticate(jwks.token("alice"))).isPresent();
            assertThat(jwks.fetches()).isEqualTo(2);
        }
        assertRefusedBecause("no key with id unknown-", "fetched too recently");
    }

    @Test
    void concurrentValidTokensShareOneFetch() throws Exception {
        try (JwtAuthenticator authenticator = authenticator()) {
            List<Callable<Optional<Identity>>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String user = "user" + i;
                String token = jwks.token(user, "g" + i % 3);
                calls.add(() -> authenticator.authenticate(token));
            }
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<Optional<Identity>>> results = threads.invokeAll(calls, 1, TimeUnit.MINUTES);
                for (int i = 0; i < results.size(); i++) {
                    assertThat(results.get(i).get()).contains(new Identity("user" + i, Set.of("g" + i % 3)));
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(jwks.fetches()).isEqualTo(1);
        }
    }

    @Test
    void unsignedTokenIsRefused() {
        try (JwtAuthenticator authenticator = authenticator()) {
            String none = new PlainJWT(jwks.tokenBuilder().claims()).serialize();
            assertThat(authenticator.authenticate(none)).isEmpty();
            String noneWithSignature = none + Base64URL.encode("signature");
            assertThat(authenticator.authenticate(noneWithSignature)).isEmpty();
            String upperCaseNone = base64Url("{\"alg\":\"NONE\"}") + "." + none.split("\\.")[1] + ".";
            assertThat(authenticator.authenticate(upperCaseNone)).isEmpty();
        }
        assertRefusedBecause("alg none");
        assertThat(jwks.fetches()).isZero();
    }

    @Test
    void hmacSignedWithThePublicKeyIsRefused() throws JOSEException {
        byte[] der = jwks.rsaKey().toRSAPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
        byte[] jwk = jwks.rsaKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        try (JwtAuthenticator authenticator = authenticator()) {
            for (byte[] secret : List.of(der, pem.getBytes(StandardCharsets.US_ASCII), jwk)) {
                String forged = jwks.tokenBuilder().algorithm(JWSAlgorithm.HS256).sign(new MACSigner(secret));
                assertThat(authenticator.authenticate(forged)).isEmpty();
            }
        }
        assertRefusedBecause("algorithm HS256 is not one of");
    }

    @Test
    void tokenSignedByAnotherKeyWithAPublishedKeyIdIsRefused() {
        try (JwtAuthenticator authenticator = authenticator()) {
            String forged = jwks.tokenBuilder().key(JwksServer.newRsaKey(jwks.rsaKey().getKeyID())).sign();
            assertThat(authenticator.authenticate(forged)).isEmpty();
            String unnamed = jwks.tokenBuilder().key(JwksServer.newRsaKey("x")).keyId(null).sign();
            assertThat(authenticator.authenticate(unnamed)).isEmpty();
        }
        assertRefusedBecause("Invalid signature");
    }

    @Test
    void tokenWithoutKeyIdIsCheckedAgainstEveryPublishedKey() {
        try (JwtAuthenticator authenticator = authenticator()) {
            assertThat(authenticator.authenticate(jwks.tokenBuilder().keyId(null).sign())).isPresent();
        }
    }

    @Test
    void encryptedTokenIsRefused() throws JOSEException {
        EncryptedJWT encrypted = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM),
                jwks.tokenBuilder().claims());
        encrypted.encrypt(new RSAEncrypter(jwks.rsaKey().toRSAPublicKey()));
        try (JwtAuthenticator authenticator = authenticator()) {
            assertThat(authenticator.authenticate(encrypted.serialize())).isEmpty();
        }
        assertRefusedBecause("encrypted (JWE)");
    }

    @Test
    void tokenTypes() {
        try (JwtAuthenticator authenticator = authenticator()) {
            assertThat(authenticator.authenticate(jwks.tokenBuilder().type("at+jwt").sign())).isPresent();
            assertThat(authenticator.authenticate(jwks.tokenBuilder().type(null).sign())).isPresent();
            assertThat(authenticator.authenticate(jwks.tokenBuilder().type("logout+jwt").sign())).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "  alice", "alice\n", "ali\u0000ce", "multi\nline"})
    void unusableUserNameIsRefused(String user) {
        try (JwtAuthenticator authenticator = authenticator()) {
            assertThat(authenticator.authenticate(jwks.tokenBuilder().user(user).sign())).isEmpty();
        }
        assertRefusedBecause("no valid user name in the claim sub");
    }

    @Test
    void missingOrNonTextUserClaimIsRefused() {
        try (JwtAuthenticator authenticator = authenticator()) {
            assertThat(authenticator.authenticate(jwks.tokenBuilder().user(null).sign())).isEmpty();
            assertThat(authenticator.authenticate(jwks.tokenBuilder().user("x".repeat(257)).sign())).isEmpty();
            assertThat(authenticator.authenticate(jwks.tokenBuilder().user("x".repeat(256)).sign())).isPresent();
        }
        try (JwtAuthenticator byEmail = authenticator(JwtConfigKeys.USER_CLAIM.name(), "email")) {
            assertThat(byEmail.authenticate(jwks.tokenBuilder().claim("email", 42).sign())).isEmpty();
        }
    }

    @Test
    void keycloakClaims() {
        String token = jwks.tokenBuilder().user("3f1c0e2a-uuid").claim("preferred_username", "dana")
                .claim("realm_access", Map.of("roles", List.of("analysts", "offline_access")))
                .claim("groups", List.of("ignored")).sign();
        try (JwtAuthenticator authenticator = authenticator(JwtConfigKeys.USER_CLAIM.name(), "preferred_username",
                JwtConfigKeys.GROUPS_CLAIM.name(), "realm_access.roles")) {
            assertThat(authenticator.authenticate(token))
                    .contains(new Identity("dana", Set.of("analysts", "offline_access")));
        }
    }

    @Test
    void groupsClaimShapes() {
        String dotted = "https://lakegate.example/groups";
        try (JwtAuthenticator authenticator = authenticator(JwtConfigKeys.GROUPS_CLAIM.name(), dotted)) {
            assertThat(authenticator.authenticate(jwks.tokenBuilder().claim(dotted, "admins").sign()))
                    .contains(new Identity("alice", Set.of("admins")));
            assertThat(authenticator.authenticate(jwks.tokenBuilder()
                    .claim(dotted, List.of("etl", 7, "", "bad\ngroup", Map.of("a", "b"))).sign()))
                    .contains(new Identity("alice", Set.of("etl")));
            assertThat(authenticator.authenticate(jwks.tokenBuilder().claim(dotted, 7).sign()))
                    .contains(Identity.of("alice"));
            assertThat(authenticator.authenticate(jwks.tokenBuilder().sign())).contains(Identity.of("alice"));
        }
    }

    @Test
    void oversizedTokenIsRefusedBeforeParsing() {
        String large = jwks.tokenBuilder().claim("padding", "x".repeat(20_000)).sign();
        try (JwtAuthenticator authenticator = authenticator()) {
            assertThat(authenticator.authenticate(large)).isEmpty();
            assertThat(jwks.fetches()).isZero();
        }
        assertRefusedBecause("longer than lakegate.auth.jwt.max-token-bytes");
        try (JwtAuthenticator lenient = authenticator(JwtConfigKeys.MAX_TOKEN_BYTES.name(), "64k")) {
            assertThat(lenient.authenticate(large)).isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "a.b.c", "..", "...", "....", "eyJ.eyJ.eyJ", "e30.e30.", "e30.e30.e30",
            "bnVsbA.bnVsbA.", "WzFd.e30.", "eyJhbGciOiJSUzI1NiJ9.W10.c2ln", "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOiJ4In0.c2ln",
            "\u0000\u0001.\u00ff.\ud83d\ude00", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln"})
    void garbageIsRefused(String token) {
        try (JwtAuthenticator authenticator = authenticator()) {
            assertThat(authenticator.authenticate(token)).isEmpty();
        }
    }

    @Test
    void nullTokenIsRefused() {
        try (JwtAuthenticator authenticator = authenticator()) {
            assertThat(authenticator.authenticate(null)).isEmpty();
        }
    }

    @Test
    void refusalsAreLoggedWithoutTheToken() {
        String token = jwks.tokenBuilder().claim("iss", "https://evil.example\nFAKE line").sign();
        try (JwtAuthenticator authenticator = authenticator()) {
            assertThat(authenticator.authenticate(token)).isEmpty();
        }
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(event.getFormattedMessage()).startsWith("JWT refused: ").doesNotContain("\n")
                    .doesNotContain(token.split("\\.")[1]).doesNotContain(token.split("\\.")[2]);
        });
    }

    @Test
    void unreachableKeysWithNothingCachedAreUnavailable() {
        jwks.close();
        try (JwtAuthenticator authenticator = authenticator()) {
            // Past the fetches the rate limit allows too: a refused fetch is no reason to refuse the token.
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> authenticator.authenticate(jwks.token("alice")))
                        .isInstanceOf(AuthenticationUnavailableException.class);
            }
        }
    }

    @Test
    void cachedKeysServeWhileTheProviderIsDown() {
        try (JwtAuthenticator authenticator = authenticator()) {
            assertThat(authenticator.authenticate(jwks.token("alice"))).isPresent();
            jwks.close();
            assertThat(authenticator.authenticate(jwks.token("bob"))).contains(Identity.of("bob"));
            // A token naming a key that may be new cannot fetch it, and the cached keys do not have it.
            assertThat(authenticator.authenticate(jwks.tokenBuilder().key(JwksServer.newRsaKey("new")).sign()))
                    .isEmpty();
        }
    }

    @Test
    void keysLastFetchedOutliveTheirCacheDuringAnOutage() throws InterruptedException {
        Map<String, String> shortCache = Map.of(JwtConfigKeys.JWKS_CACHE_TTL.name(), "200ms",
                JwtConfigKeys.JWKS_REFRESH_MIN_INTERVAL.name(), "100ms");
        try (JwtAuthenticator tolerant = authenticator(shortCache);
                JwtAuthenticator intolerant = authenticator(with(shortCache, JwtConfigKeys.JWKS_OUTAGE_TTL.name(),
                        "0s"))) {
            assertThat(tolerant.authenticate(jwks.token("alice"))).isPresent();
            assertThat(intolerant.authenticate(jwks.token("alice"))).isPresent();
            jwks.close();
            Thread.sleep(300); // past the cache's lifetime, which no condition can be awaited for
            assertThat(tolerant.authenticate(jwks.token("alice"))).isPresent();
            assertThatThrownBy(() -> intolerant.authenticate(jwks.token("alice")))
                    .isInstanceOf(AuthenticationUnavailableException.class);
        }
    }

    @Test
    void requiredSettingsAreNamedWhenMissing() {
        for (String key : List.of(JwtConfigKeys.JWKS_URL.name(), JwtConfigKeys.ISSUER.name(),
                JwtConfigKeys.AUDIENCE.name())) {
            Map<String, String> settings = new HashMap<>(jwks.settings());
            settings.remove(key);
            assertThatThrownBy(() -> JwtAuthenticator.from(Settings.of(settings)))
                    .isInstanceOf(LakegateException.class).hasMessageContaining(key).hasMessageContaining("required");
        }
    }

    @Test
    void invalidSettingsAreNamed() {
        assertInvalid(JwtConfigKeys.JWKS_URL.name(), "ftp://idp.example/jwks", "http or https");
        assertInvalid(JwtConfigKeys.JWKS_URL.name(), "not a url", "http or https");
        assertInvalid(JwtConfigKeys.AUDIENCE.name(), " , ", "one or more audiences");
        assertInvalid(JwtConfigKeys.AUDIENCE.name(), "*,lakegate", "cannot be combined");
        assertInvalid(JwtConfigKeys.ALGORITHMS.name(), "RS256,HS256", "'HS256' is not accepted");
        assertInvalid(JwtConfigKeys.ALGORITHMS.name(), "none", "'none' is not accepted");
        assertInvalid(JwtConfigKeys.ALGORITHMS.name(), "", "one or more algorithms");
        assertInvalid(JwtConfigKeys.CLOCK_SKEW.name(), "2h", "0s to 1h");
        assertInvalid(JwtConfigKeys.MAX_TOKEN_BYTES.name(), "2m", "1 to 1m");
        assertInvalid(JwtConfigKeys.USER_CLAIM.name(), " ", "claim name");
        assertInvalid(JwtConfigKeys.JWKS_REFRESH_MIN_INTERVAL.name(), "10m", "shorter than "
                + JwtConfigKeys.JWKS_CACHE_TTL.name());
    }

    @Test
    void riskySettingsAreWarnedOf() {
        authenticator(JwtConfigKeys.JWKS_URL.name(), "http://idp.example/jwks", JwtConfigKeys.AUDIENCE.name(), "*")
                .close();
        assertThat(logged.list).filteredOn(event -> event.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains("lakegate.auth.jwt.jwks-url is plain http"))
                .anySatisfy(line -> assertThat(line).contains("lakegate.auth.jwt.audience is *"));
        logged.list.clear();
        authenticator().close();
        assertThat(logged.list).as("a loopback http URL and one audience").isEmpty();
    }

    private void assertInvalid(String key, String value, String reason) {
        assertThatThrownBy(() -> JwtAuthenticator.from(Settings.of(with(jwks.settings(), key, value))))
                .isInstanceOf(LakegateException.class).hasMessageContaining(key).hasMessageContaining(reason);
    }

    private void assertRefusedBecause(String... parts) {
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).startsWith("JWT refused: ").contains(parts));
    }

    private JwtAuthenticator authenticator(String... keysAndValues) {
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            overrides.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return authenticator(overrides);
    }

    private JwtAuthenticator authenticator(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(jwks.settings());
        settings.putAll(overrides);
        return JwtAuthenticator.from(Settings.of(settings));
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        Map<String, String> copy = new HashMap<>(settings);
        copy.put(key, value);
        return copy;
    }

    private static String base64Url(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
