package io.lakegate.server;

import io.lakegate.server.auth.Identity;
import io.lakegate.server.cli.SessionGrant;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The session cookies of the HTTP transport: after one request authenticated with a password or a token, the client
 * sends the cookie instead, as with HiveServer2. A cookie holds the identity and when it expires, signed with the
 * server's secret (HMAC-SHA256), so any gateway with the same secret accepts it, and none does after the secret
 * changes. On top of that this server ends a cookie when the last session opened with it closes, remembering the
 * ended ones until they would have expired anyway.
 */
final class HttpAuthTokens {
    /** The cookie name Hive's and Kyuubi's drivers look for. */
    static final String COOKIE = "hive.server2.auth";
    private static final String MAC = "HmacSHA256";
    private static final int VERSION = 1;
    private static final int NONCE_BYTES = 16;
    /** Beyond this a cookie would not fit the headers clients and proxies allow; such identities send passwords. */
    private static final int MAX_TOKEN_CHARS = 3500;
    private static final int PRUNE_EVERY = 1024;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;
    private final Duration maxAge;
    private final Clock clock;
    /** The grants this server has seen, by their token's digest, until they expire. */
    private final Map<Digest, Grant> grants = new ConcurrentHashMap<>();
    private final AtomicInteger untilPrune = new AtomicInteger(PRUNE_EVERY);

    HttpAuthTokens(Duration maxAge, byte[] secret, Clock clock) {
        this.maxAge = maxAge;
        this.key = new SecretKeySpec(secret.clone(), MAC);
        this.clock = clock;
    }

    /** Tokens signed by a secret of this process alone: they end when it stops. */
    static HttpAuthTokens withRandomSecret(Duration maxAge) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new HttpAuthTokens(maxAge, secret, Clock.systemUTC());
    }

    Duration maxAge() {
        return maxAge;
    }

    /** A token and the grant it stands for. */
    record Issued(String token, Grant grant) {}

    /** A new token for the identity; empty when the identity is too large for a cookie (too many groups). */
    Optional<Issued> issue(Identity identity) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        long expires = clock.millis() + maxAge.toMillis();
        Optional<byte[]> payload = encode(identity, expires, nonce);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String token = payload.map(bytes -> base64.encodeToString(bytes) + "." + base64.encodeToString(sign(bytes)))
                .orElse("");
        if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        Grant grant = new Grant(identity, Digest.of(token), expires);
        remember(grant);
        return Optional.of(new Issued(token, grant));
    }

    /** The grant a token stands for, while its signature holds and it has neither expired nor ended. */
    Optional<Grant> grant(String token) {
        if (token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        Digest digest = Digest.of(token);
        Grant known = grants.get(digest);
        if (known != null) {
            return known.valid() ? Optional.of(known) : Optional.empty();
        }
        return verified(token).map(grant -> {
            Grant first = remember(grant);
            return first.valid() ? first : null;
        });
    }

    private Optional<Grant> verified(String token) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(sign(payload), signature)) {
            return Optional.empty();
        }
        return decode(payload, Digest.of(token)).filter(Grant::valid);
    }

    /** The grant, or the one already known for its token; expired grants are dropped now and then. */
    private Grant remember(Grant grant) {
        if (untilPrune.decrementAndGet() <= 0) {
            untilPrune.set(PRUNE_EVERY);
            long now = clock.millis();
            grants.values().removeIf(old -> old.expiresMillis <= now);
        }
        Grant first = grants.putIfAbsent(grant.digest, grant);
        return first == null ? grant : first;
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has " + MAC, e);
        }
    }

    /** The identity and expiry as bytes; empty when they are beyond what the format holds (no cookie could). */
    private static Optional<byte[]> encode(Identity identity, long expires, byte[] nonce) {
        if (identity.groups().size() > 0xFFFF) {
            return Optional.empty();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.write(nonce);
            out.writeLong(expires);
            out.writeUTF(identity.user());
            out.writeShort(identity.groups().size());
            for (String group : identity.groups()) {
                out.writeUTF(group);
            }
        } catch (IOException e) {
            // Only a name too long for writeUTF (64 KiB) gets here.
            return Optional.empty();
        }
        return Optional.of(bytes.toByteArray());
    }

    /** A payload this server signed: only a change of format could make it unreadable, and then it grants nothing. */
    private Optional<Grant> decode(byte[] payload, Digest digest) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            if (in.readByte() != VERSION) {
                return Optional.empty();
            }
            in.skipNBytes(NONCE_BYTES);
            long expires = in.readLong();
            String user = in.readUTF();
            int count = in.readUnsignedShort();
            Set<String> groups = new HashSet<>();
            for (int i = 0; i < count; i++) {
                groups.add(in.readUTF());
            }
            return Optional.of(new Grant(new Identity(user, groups), digest, expires));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** What a token grants: an identity, until it expires or the last session opened with it on this server closes. */
    final class Grant implements SessionGrant {
        private final Identity identity;
        private final Digest digest;
        private final long expiresMillis;
        private final AtomicInteger sessions = new AtomicInteger();
        private volatile boolean ended;

        private Grant(Identity identity, Digest digest, long expiresMillis) {
            this.identity = identity;
            this.digest = digest;
            this.expiresMillis = expiresMillis;
        }

        Identity identity() {
            return identity;
        }

        private boolean valid() {
            return !ended && clock.millis() < expiresMillis;
        }

        @Override
        public void sessionOpened() {
            sessions.incrementAndGet();
        }

        /** A client that goes on after its last session closed authenticates again. */
        @Override
        public void sessionClosed() {
            if (sessions.decrementAndGet() == 0) {
                ended = true;
            }
        }
    }

    /** A token's SHA-256, compared in constant time: neither a heap dump nor a lookup's timing tells a token. */
    private record Digest(byte[] hash) {
        static Digest of(String token) {
            try {
                return new Digest(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Every Java runtime has SHA-256", e);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Digest digest && MessageDigest.isEqual(hash, digest.hash);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(hash);
        }

        @Override
        public String toString() {
            return "Digest";
        }
    }
}
