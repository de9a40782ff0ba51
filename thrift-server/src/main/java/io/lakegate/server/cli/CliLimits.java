package io.lakegate.server.cli;

import java.time.Duration;

/**
 * The limits and defaults of the TCLIService handler.
 *
 * @param operationThreads threads that run asynchronous statements until their first rows arrive
 * @param maxSessions open sessions allowed at once
 * @param fetchSize rows per fetch suggested to clients
 * @param maxFetchRows most rows one FetchResults call returns
 * @param maxFetchBytes the size at which a FetchResults answer ends, after at least one row
 * @param sessionIdleTimeout how long a session may go unused before it is closed
 * @param operationIdleTimeout how long an operation may go unused before it is closed
 * @param statusWait how long GetOperationStatus waits for a running operation to change state
 */
public record CliLimits(int operationThreads, int maxSessions, int fetchSize, int maxFetchRows, long maxFetchBytes,
        Duration sessionIdleTimeout, Duration operationIdleTimeout, Duration statusWait) {
    public CliLimits {
        if (operationThreads < 1 || maxSessions < 1 || fetchSize < 1 || maxFetchRows < 1 || maxFetchBytes < 1) {
            throw new IllegalArgumentException("limits must be positive: " + operationThreads + ", " + maxSessions
                    + ", " + fetchSize + ", " + maxFetchRows + ", " + maxFetchBytes);
        }
        if (!positive(sessionIdleTimeout) || !positive(operationIdleTimeout)) {
            throw new IllegalArgumentException("idle timeouts must be positive: " + sessionIdleTimeout + ", "
                    + operationIdleTimeout);
        }
        if (statusWait.isNegative()) {
            throw new IllegalArgumentException("statusWait: " + statusWait + " (expected: >= 0)");
        }
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
