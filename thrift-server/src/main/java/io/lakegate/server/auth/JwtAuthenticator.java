package io.lakegate.server.auth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.lakegate.common.LakegateException;
import io.lakegate.common.Settings;
import io.lakegate.common.SqlStates;
import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks bearer tokens signed by an OpenID Connect provider: the signature against the provider's published keys
 * (JWKS), then issuer, audience and validity times, and takes the user and groups from the claims. The keys are
 * cached; a token with a key id not in the cache fetches them again, at most twice per refresh interval, so that a
 * key rotation is picked up at once but a stream of made-up key ids cannot hammer the provider. Thread-safe.
 */
public final class JwtAuthenticator implements TokenAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);
    /** JWKS documents are a few kilobytes; the limit keeps a wrong URL from filling memory. */
    private static final int JWKS_SIZE_LIMIT = 256 * 1024;
    private static final String UNAVAILABLE = "The identity provider's keys cannot be fetched";
    /** Access tokens are typed JWT (Keycloak), at+jwt (RFC 9068) or not typed at all. */
    private static final DefaultJOSEObjectTypeVerifier<SecurityContext> TYPES = new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null);

    private final URI jwksUrl;
    private final JWKSource<SecurityContext> keys;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Set<JWSAlgorithm> algorithms;
    private final Duration clockSkew;
    private final long maxTokenBytes;
    private final JwtClaims claims;
    /** When the cached keys expire, in epoch milliseconds; in the past while none have been fetched. */
    private volatile long keysCachedUntil = Long.MIN_VALUE;

    private JwtAuthenticator(Settings settings) {
        jwksUrl = settings.get(JwtConfigKeys.JWKS_URL);
        String issuer = settings.get(JwtConfigKeys.ISSUER);
        Set<String> audiences = settings.get(JwtConfigKeys.AUDIENCE);
        algorithms = settings.get(JwtConfigKeys.ALGORITHMS);
        clockSkew = settings.get(JwtConfigKeys.CLOCK_SKEW);
        maxTokenBytes = settings.get(JwtConfigKeys.MAX_TOKEN_BYTES);
        claims = new JwtClaims(settings.get(JwtConfigKeys.USER_CLAIM), settings.get(JwtConfigKeys.GROUPS_CLAIM));
        keys = keySource(settings);
        boolean anyAudience = audiences.contains(JwtConfigKeys.ANY_AUDIENCE);

        processor.setJWSTypeVerifier(TYPES);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        DefaultJWTClaimsVerifier<SecurityContext> verifier = new DefaultJWTClaimsVerifier<>(
                anyAudience ? null : audiences,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp"), Set.of());
        verifier.setMaxClockSkew((int) clockSkew.toSeconds());
        processor.setJWTClaimsSetVerifier(verifier);

        if (anyAudience) {
            LOG.warn("{} is {}: tokens the provider issued to any of its applications are accepted",
                    JwtConfigKeys.AUDIENCE.name(), JwtConfigKeys.ANY_AUDIENCE);
        }
        if (jwksUrl.getScheme().equalsIgnoreCase("http") && !isLoopback(jwksUrl.getHost())) {
            LOG.warn("{} is plain http: whoever can alter the traffic to {} can make the gateway accept keys of "
                    + "their own; use https", JwtConfigKeys.JWKS_URL.name(), jwksUrl.getHost());
        }
    }

    /**
     * An authenticator configured by the {@code lakegate.auth.jwt.*} keys. The keys are first fetched by the first
     * token, so that the gateway starts while the provider is down.
     *
     * @throws LakegateException when a key is missing or invalid, naming it
     */
    public static JwtAuthenticator from(Settings settings) {
        return new JwtAuthenticator(requireNonNull(settings, "settings is null"));
    }

    @Override
    public Optional<Identity> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return refuse("no token");
        }
        if (token.length() > maxTokenBytes) {
            return refuse("token of " + token.length() + " bytes, longer than " + JwtConfigKeys.MAX_TOKEN_BYTES.name());
        }
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            // Untrusted text reaching a parser: whatever it throws means a malformed token, not a server fault.
            return refuse("malformed token: " + e.getMessage());
        }
        if (parsed instanceof EncryptedJWT) {
            return refuse("encrypted (JWE) tokens are not accepted");
        }
        if (!(parsed instanceof SignedJWT signed)) {
            return refuse("unsigned token (alg none)");
        }
        JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
        if (!algorithms.contains(algorithm)) {
            return refuse("algorithm " + algorithm + " is not one of " + JwtConfigKeys.ALGORITHMS.name());
        }
        JWTClaimsSet verified;
        try {
            verified = processor.process(signed, null);
        } catch (RateLimitReachedException e) {
            if (System.currentTimeMillis() >= keysCachedUntil) {
                // No keys at all: the provider failed the fetches the rate limit allows, and said why in the log.
                throw new AuthenticationUnavailableException(UNAVAILABLE, e);
            }
            return refuse("no key with id " + signed.getHeader().getKeyID() + ", and the keys were fetched too "
                    + "recently to fetch them again");
        } catch (KeySourceException e) {
            throw unavailable(e);
        } catch (BadJOSEException | JOSEException e) {
            return refuse(e.getMessage() + " (kid " + signed.getHeader().getKeyID() + ", " + algorithm + ")");
        }
        Date issued = verified.getIssueTime();
        if (issued != null && issued.toInstant().isAfter(Instant.now().plus(clockSkew))) {
            return refuse("issued in the future (iat " + issued.toInstant() + ")");
        }
        Optional<Identity> identity = claims.identity(verified);
        if (identity.isEmpty()) {
            return refuse("no valid user name in the claim " + claims.userClaim());
        }
        LOG.debug("JWT accepted for user {}", identity.get().user());
        return identity;
    }

    @Override
    public void close() {
        if (keys instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                LOG.debug("Closing the JWKS source failed: {}", e.getMessage());
            }
        }
    }

    private AuthenticationUnavailableException unavailable(KeySourceException e) {
        LOG.warn("Cannot fetch the token signing keys from {}: {}", jwksUrl, e.getMessage());
        return new AuthenticationUnavailableException(UNAVAILABLE, e);
    }

    private JWKSource<SecurityContext> keySource(Settings settings) {
        Duration ttl = settings.get(JwtConfigKeys.JWKS_CACHE_TTL);
        Duration minInterval = settings.get(JwtConfigKeys.JWKS_REFRESH_MIN_INTERVAL);
        Duration outage = settings.get(JwtConfigKeys.JWKS_OUTAGE_TTL);
        int timeout = (int) settings.get(JwtConfigKeys.JWKS_TIMEOUT).toMillis();
        if (minInterval.compareTo(ttl) >= 0) {
            throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE,
                    JwtConfigKeys.JWKS_REFRESH_MIN_INTERVAL.name() + " must be shorter than "
                            + JwtConfigKeys.JWKS_CACHE_TTL.name());
        }
        JWKSourceBuilder<SecurityContext> builder;
        try {
            builder = JWKSourceBuilder.create(jwksUrl.toURL(),
                    new DefaultResourceRetriever(timeout, timeout, JWKS_SIZE_LIMIT));
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE,
                    "Invalid value for " + JwtConfigKeys.JWKS_URL.name() + ": " + e.getMessage(), e);
        }
        // A thread that finds another fetching waits for it as long as that fetch may take to connect and read.
        builder.cache(ttl.toMillis(), 2L * timeout, event -> {
                    if (event instanceof CachingJWKSetSource.RefreshCompletedEvent<?>) {
                        keysCachedUntil = System.currentTimeMillis() + ttl.toMillis();
                    }
                })
                .refreshAheadCache(false)
                .rateLimited(minInterval.toMillis())
                .retrying(false);
        if (outage.isZero()) {
            builder.outageTolerant(false);
        } else {
            builder.outageTolerant(outage.toMillis());
        }
        return builder.build();
    }

    /** Loopback as written, without a name lookup: traffic that never leaves the host cannot be altered. */
    private static boolean isLoopback(String host) {
        return host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    private static Optional<Identity> refuse(String reason) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("JWT refused: {}", JwtClaims.printable(String.valueOf(reason), 300));
        }
        return Optional.empty();
    }
}
