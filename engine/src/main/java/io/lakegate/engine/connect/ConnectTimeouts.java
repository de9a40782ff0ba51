package io.lakegate.engine.connect;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long the engine waits on a Spark Connect server before it gives up on it.
 *
 * @param call the deadline of every call but a statement's result stream: settings, interrupts, session releases,
 *     analysis
 * @param streamIdle how long a statement's result stream may send nothing at all (no rows, no progress report) before
 *     the statement is abandoned; Spark reports progress as tasks finish, so this must exceed the longest task
 * @param keepAliveTime how long a connection with calls under way may stay silent before the engine pings the server
 *     over it, so that a connection that died without a word is noticed; Spark Connect closes connections that ping
 *     more often than every five minutes (gRPC's default, which Spark does not change)
 * @param keepAliveTimeout how long such a ping may go unanswered before the connection counts as dead and its calls
 *     fail; also how often the engine's cluster pool asks each cluster for an answer, and how long the cluster may
 *     take to give it before it counts as hung and is replaced
 */
public record ConnectTimeouts(Duration call, Duration streamIdle, Duration keepAliveTime, Duration keepAliveTimeout) {
    public ConnectTimeouts {
        requirePositive(call, "call");
        requirePositive(streamIdle, "streamIdle");
        requirePositive(keepAliveTime, "keepAliveTime");
        requirePositive(keepAliveTimeout, "keepAliveTimeout");
    }

    /** A duration for messages: {@code 500 ms}, {@code 120 s}. */
    public static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static void requirePositive(Duration duration, String name) {
        requireNonNull(duration, name + " is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
