package io.lakegate.server.cli;

import java.time.Duration;

/**
 * The limits and defaults of the TCLIService handler; those of sessions and operations are the engine's.
 *
 * @param fetchSize rows per fetch suggested to clients
 * @param maxFetchRows most rows one FetchResults call returns
 * @param maxFetchBytes the size at which a FetchResults answer ends, after at least one row
 * @param statusWait how long GetOperationStatus waits for a running operation to change state
 * @param fetchWait how long after it began a FetchResults call that holds rows may wait for more
 */
public record CliLimits(int fetchSize, int maxFetchRows, long maxFetchBytes, Duration statusWait,
        Duration fetchWait) {
    public CliLimits {
        if (fetchSize < 1 || maxFetchRows < 1 || maxFetchBytes < 1) {
            throw new IllegalArgumentException("limits must be positive: " + fetchSize + ", " + maxFetchRows + ", "
                    + maxFetchBytes);
        }
        if (statusWait.isNegative() || fetchWait.isNegative()) {
            throw new IllegalArgumentException("statusWait " + statusWait + ", fetchWait " + fetchWait
                    + " (expected: >= 0)");
        }
    }
}
