package io.lakegate.server.auth;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed logins per client address: after {@code maxFailures} of them the address must wait before trying again,
 * and each further failure doubles the wait, up to a cap. A success clears the address's record; so does a quiet spell
 * as long as the cap. Addresses are counted, not users, so that guessing many users' passwords costs as much as one's.
 */
final class LoginThrottle {
    /** Records kept at most; beyond that the quiet ones go first, so a flood of addresses cannot fill the heap. */
    private static final int MAX_ADDRESSES = 100_000;

    private final int maxFailures;
    private final long backoffNanos;
    private final long maxBackoffNanos;
    private final LongSupplier clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, long lastNanos, long blockedUntilNanos) {}

    LoginThrottle(int maxFailures, Duration backoff, Duration maxBackoff, LongSupplier clock) {
        this.maxFailures = maxFailures;
        this.backoffNanos = backoff.toNanos();
        this.maxBackoffNanos = Math.max(maxBackoff.toNanos(), backoffNanos);
        this.clock = clock;
    }

    /** How long the address must still wait before a login is even tried; empty when it may try now. */
    Optional<Duration> waitFor(String address) {
        Failures record = failures.get(address);
        long now = clock.getAsLong();
        if (record == null || record.blockedUntilNanos - now <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(record.blockedUntilNanos - now));
    }

    void failed(String address) {
        long now = clock.getAsLong();
        if (failures.size() >= MAX_ADDRESSES) {
            failures.values().removeIf(record -> now - record.lastNanos > maxBackoffNanos);
        }
        failures.compute(address, (key, record) -> {
            int count = record == null || now - record.lastNanos > maxBackoffNanos ? 1 : record.count + 1;
            long blockedUntil = now;
            if (count >= maxFailures) {
                int doublings = Math.min(count - maxFailures, 62);
                long wait = backoffNanos << doublings;
                blockedUntil = now + (wait <= 0 || wait > maxBackoffNanos || (wait >> doublings) != backoffNanos
                        ? maxBackoffNanos : wait);
            }
            return new Failures(count, now, blockedUntil);
        });
    }

    void succeeded(String address) {
        failures.remove(address);
    }
}
