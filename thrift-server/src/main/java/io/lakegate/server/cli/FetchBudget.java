package io.lakegate.server.cli;

/**
 * How much one FetchResults answer may hold: at most {@code maxRows} rows, and it ends at the first row that brings
 * it to {@code maxBytes} (counted as the values' size on the wire), so that wide rows cannot make an answer of a
 * gigabyte. An answer holds at least one row, or a row larger than the budget could never be fetched.
 */
record FetchBudget(int maxRows, long maxBytes) {
    FetchBudget {
        if (maxRows < 0 || maxBytes < 1) {
            throw new IllegalArgumentException("maxRows " + maxRows + " (expected: >= 0), maxBytes " + maxBytes
                    + " (expected: >= 1)");
        }
    }

    boolean isSpent(int rows, long bytes) {
        return rows >= maxRows || (rows > 0 && bytes >= maxBytes);
    }
}
