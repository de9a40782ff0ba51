package io.lakegate.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An identity provider's key endpoint for tests: serves a JWKS at {@code /jwks} on 127.0.0.1 (an ephemeral port)
 * with one RSA and one EC P-256 signing key, and signs tokens with them.
 *
 * <pre>{@code
 * try (JwksServer jwks = JwksServer.start()) {
 *     Settings settings = Settings.of(jwks.settings());   // lakegate.auth.jwt.* matching this server
 *     String token = jwks.token("alice", "analysts");      // RS256, valid for 5 minutes
 *     String other = jwks.tokenBuilder().user("bob").expiresIn(Duration.ofMinutes(-5)).sign();
 * }
 * }</pre>
 */
public final class JwksServer implements AutoCloseable {
    /** The audience that {@link #settings()} requires and tokens carry unless told otherwise. */
    public static final String AUDIENCE = "lakegate";
    private static final Map<Curve, JWSAlgorithm> ECDSA = Map.of(Curve.P_256, JWSAlgorithm.ES256, Curve.P_384,
            JWSAlgorithm.ES384, Curve.P_521, JWSAlgorithm.ES512);

    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicInteger rotations = new AtomicInteger(1);
    private final ECKey ecKey = newEcKey("ec-1");
    private volatile RSAKey rsaKey = newRsaKey("rsa-1");

    private JwksServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", this::serveKeys);
        server.start();
    }

    /** A server listening until {@link #close()}. */
    public static JwksServer start() {
        try {
            return new JwksServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new RSA signing key (2048 bits, private part included) that no server publishes until told to. */
    public static RSAKey newRsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new EC P-256 signing key (private part included) that no server publishes. */
    public static ECKey newEcKey(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The issuer tokens carry: the server's base URL, as an OpenID Connect provider's would be. */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String jwksUrl() {
        return issuer() + "/jwks";
    }

    /** The settings of a JWT authentication that trusts this server's keys, issuer and {@link #AUDIENCE}. */
    public Map<String, String> settings() {
        return Map.of(JwtConfigKeys.JWKS_URL.name(), jwksUrl(), JwtConfigKeys.ISSUER.name(), issuer(),
                JwtConfigKeys.AUDIENCE.name(), AUDIENCE);
    }

    /** A valid RS256 token for the user (in {@code sub}) with the groups (in {@code groups}). */
    public String token(String user, String... groups) {
        return tokenBuilder().user(user).groups(groups).sign();
    }

    /** A token for {@code alice} without groups, signed with the current RSA key, that the calls change. */
    public TokenBuilder tokenBuilder() {
        return new TokenBuilder(rsaKey);
    }

    /** The RSA key tokens are signed with, private part included. */
    public RSAKey rsaKey() {
        return rsaKey;
    }

    /** The EC key the server publishes besides the RSA key, private part included. */
    public ECKey ecKey() {
        return ecKey;
    }

    /** Replaces the published RSA key with a new one (a new key id), as a provider rotating its keys does. */
    public RSAKey rotate() {
        rsaKey = newRsaKey("rsa-" + rotations.incrementAndGet());
        return rsaKey;
    }

    /** How many times the JWKS has been fetched. */
    public int fetches() {
        return fetches.get();
    }

    /** Stops listening: later fetches find nothing there, as when the provider is down. */
    @Override
    public void close() {
        server.stop(0);
    }

    private void serveKeys(HttpExchange exchange) throws IOException {
        try (exchange) {
            fetches.incrementAndGet();
            byte[] body = new JWKSet(List.of(rsaKey, ecKey)).toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** A token's claims, header and key, each defaulting to what the server's trusting settings accept. */
    public final class TokenBuilder {
        private final JWTClaimsSet.Builder claims;
        private JWK key;
        private JWSAlgorithm algorithm;
        private String keyId;
        private JOSEObjectType type = JOSEObjectType.JWT;

        private TokenBuilder(JWK key) {
            Instant now = Instant.now();
            claims = new JWTClaimsSet.Builder().issuer(issuer()).audience(AUDIENCE).subject("alice")
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
            key(key);
        }

        /** The user, in {@code sub}. */
        public TokenBuilder user(String user) {
            return claim("sub", user);
        }

        /** The groups, as a list in {@code groups}. */
        public TokenBuilder groups(String... groups) {
            return claim("groups", List.of(groups));
        }

        /** Any claim, JSON-like (strings, numbers, lists, maps); null leaves it out. */
        public TokenBuilder claim(String name, Object value) {
            claims.claim(name, value instanceof Instant instant ? Date.from(instant) : value);
            return this;
        }

        /** {@code exp} this long from now; negative for a token that has expired. */
        public TokenBuilder expiresIn(Duration validity) {
            return claim("exp", Instant.now().plus(validity));
        }

        /**
         * The key that signs, with its key id in the header and the algorithm that suits it (RS256, or ES256 to ES512
         * by curve); one the server does not publish makes a forged token.
         */
        public TokenBuilder key(JWK signingKey) {
            key = signingKey;
            keyId = signingKey.getKeyID();
            algorithm = signingKey instanceof ECKey ec ? ECDSA.get(ec.getCurve()) : JWSAlgorithm.RS256;
            return this;
        }

        public TokenBuilder algorithm(JWSAlgorithm jwsAlgorithm) {
            algorithm = jwsAlgorithm;
            return this;
        }

        /** The kid header; null leaves it out. */
        public TokenBuilder keyId(String kid) {
            keyId = kid;
            return this;
        }

        /** The typ header; null leaves it out. */
        public TokenBuilder type(String typ) {
            type = typ == null ? null : new JOSEObjectType(typ);
            return this;
        }

        public JWTClaimsSet claims() {
            return claims.build();
        }

        /** The compact form, signed with the key. */
        public String sign() {
            try {
                return sign(new DefaultJWSSignerFactory().createJWSSigner(key, algorithm));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The compact form, signed by the signer instead of the key (an HMAC signer for an attack, say). */
        public String sign(JWSSigner signer) {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).type(type).build(), claims());
            try {
                jwt.sign(signer);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }
    }
}
