package io.lakegate.engine.operation;

import java.time.Duration;

/**
 * The limits of an engine's sessions and operations.
 *
 * @param operationThreads threads that run asynchronous statements until their first rows arrive
 * @param maxSessions sessions open at once, for all users together
 * @param maxSessionsPerUser sessions one user may have open at once
 * @param maxOperationsPerSession operations one session may hold open at once
 * @param maxOperationsPerUser operations one user's sessions may hold open at once, together
 * @param sessionIdleTimeout how long a session may go unused before it is closed
 * @param operationIdleTimeout how long an operation may go unused before it is closed
 */
public record OperationLimits(int operationThreads, int maxSessions, int maxSessionsPerUser,
        int maxOperationsPerSession, int maxOperationsPerUser, Duration sessionIdleTimeout,
        Duration operationIdleTimeout) {
    public OperationLimits {
        if (operationThreads < 1 || maxSessions < 1 || maxSessionsPerUser < 1 || maxOperationsPerSession < 1
                || maxOperationsPerUser < 1) {
            throw new IllegalArgumentException("limits must be positive: " + operationThreads + ", " + maxSessions
                    + ", " + maxSessionsPerUser + ", " + maxOperationsPerSession + ", " + maxOperationsPerUser);
        }
        if (!positive(sessionIdleTimeout) || !positive(operationIdleTimeout)) {
            throw new IllegalArgumentException("idle timeouts must be positive: " + sessionIdleTimeout + ", "
                    + operationIdleTimeout);
        }
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
