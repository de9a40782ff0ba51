package io.lakegate.server;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session cookies of the HTTP transport: after one request authenticated with a password, the client sends the
 * cookie instead, as with HiveServer2. A cookie is a random token that stands for a user until it expires.
 */
final class HttpAuthTokens {
    /** The cookie name Hive's and Kyuubi's drivers look for. */
    static final String COOKIE = "hive.server2.auth";
    private static final int TOKEN_BYTES = 32;

    private record Grant(String user, long expiresNanos) {}

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Duration maxAge;

    HttpAuthTokens(Duration maxAge) {
        this.maxAge = maxAge;
    }

    Duration maxAge() {
        return maxAge;
    }

    /** A new token for the user; expired ones are dropped at the same time, so the map stays small. */
    String issue(String user) {
        long now = System.nanoTime();
        grants.values().removeIf(grant -> grant.expiresNanos() - now < 0);
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        grants.put(token, new Grant(user, now + maxAge.toNanos()));
        return token;
    }

    /** The user a token stands for, while it has not expired. */
    Optional<String> user(String token) {
        Grant grant = grants.get(token);
        if (grant == null || grant.expiresNanos() - System.nanoTime() < 0) {
            return Optional.empty();
        }
        return Optional.of(grant.user());
    }
}
