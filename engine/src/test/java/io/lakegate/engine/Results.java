package io.lakegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading results in tests. */
public final class Results {
    private Results() {}

    /** Reads a result to its end and closes it. */
    public static void drain(StatementResult result) {
        try (result) {
            while (result.hasNext()) {
                result.next();
            }
        }
    }

    /** The first column of the first row; the result is closed after. */
    public static Object firstValue(StatementResult result) {
        try (result) {
            assertThat(result.hasNext()).as("the result has a row").isTrue();
            return result.next().column(0).getObject(0);
        }
    }
}
