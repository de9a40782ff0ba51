package io.lakegate.server;

import io.lakegate.server.cli.SessionGrant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The session cookies of the HTTP transport: after one request authenticated with a password, the client sends the
 * cookie instead, as with HiveServer2. A cookie is a random token that stands for a user until it expires, or until
 * the last session opened with it closes. Issuing and checking take constant time on the event loop: grants are
 * found by the token's SHA-256, which is all the server keeps and compares, so neither a heap dump nor the timing of a
 * lookup tells a token.
 */
final class HttpAuthTokens {
    /** The cookie name Hive's and Kyuubi's drivers look for. */
    static final String COOKIE = "hive.server2.auth";
    private static final int TOKEN_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final Map<Digest, Grant> grants = new ConcurrentHashMap<>();
    /** Grants in the order they expire, all having the same age limit; guarded by itself. */
    private final Deque<Grant> byExpiry = new ArrayDeque<>();
    private final Duration maxAge;

    HttpAuthTokens(Duration maxAge) {
        this.maxAge = maxAge;
    }

    Duration maxAge() {
        return maxAge;
    }

    /** A token and the grant it stands for. */
    record Issued(String token, Grant grant) {}

    /** A new token for the user; grants that expired meanwhile are dropped from the oldest, so the map stays small. */
    Issued issue(String user) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = System.nanoTime();
        Grant grant = new Grant(user, Digest.of(token), now + maxAge.toNanos());
        grants.put(grant.digest, grant);
        synchronized (byExpiry) {
            for (Grant oldest = byExpiry.peekFirst(); oldest != null && oldest.expiredAt(now);
                    oldest = byExpiry.peekFirst()) {
                grants.remove(byExpiry.removeFirst().digest, oldest);
            }
            byExpiry.addLast(grant);
        }
        return new Issued(token, grant);
    }

    /** The grant a token stands for, while it has not expired or ended. */
    Optional<Grant> grant(String token) {
        Grant grant = grants.get(Digest.of(token));
        if (grant == null || grant.expiredAt(System.nanoTime())) {
            return Optional.empty();
        }
        return Optional.of(grant);
    }

    /** What a token grants: a user, until it expires or the last session opened with it closes. */
    final class Grant implements SessionGrant {
        private final String user;
        private final Digest digest;
        private final long expiresNanos;
        private final AtomicInteger sessions = new AtomicInteger();

        private Grant(String user, Digest digest, long expiresNanos) {
            this.user = user;
            this.digest = digest;
            this.expiresNanos = expiresNanos;
        }

        String user() {
            return user;
        }

        private boolean expiredAt(long nanos) {
            return expiresNanos - nanos < 0;
        }

        @Override
        public void sessionOpened() {
            sessions.incrementAndGet();
        }

        /** A client that goes on after its last session closed authenticates again, with its password. */
        @Override
        public void sessionClosed() {
            if (sessions.decrementAndGet() == 0) {
                grants.remove(digest, this);
            }
        }
    }

    /** A token's SHA-256, compared in constant time. */
    private record Digest(byte[] hash) {
        static Digest of(String token) {
            try {
                return new Digest(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
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
