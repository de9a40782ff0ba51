package io.lakegate.benchmarks.frontend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The statements of the 22 TPC-H queries as the tpch jar ships them, by name: {@code q1} to {@code q22}, where Q15 is
 * two statements, {@code q15-view} (the view it defines) and {@code q15}.
 */
public final class TpchStatements {
    /** The database the queries' unqualified names resolve in. */
    public static final String DATABASE = "tpch";

    /** A statement ends with a semicolon at the end of a line; the header comment has semicolons too. */
    private static final Pattern STATEMENT_END = Pattern.compile(";\\s*(?:\\n|$)");

    private TpchStatements() {}

    public static Map<String, String> all() {
        Map<String, String> statements = new LinkedHashMap<>();
        for (int number = 1; number <= 22; number++) {
            String file = resource("io/trino/tpch/queries/q" + number + ".sql");
            List<String> parts = Arrays.stream(STATEMENT_END.split(file))
                    .map(String::strip)
                    .filter(statement -> !statement.isEmpty())
                    .toList();
            if (parts.size() == 2) {
                statements.put("q" + number + "-view", parts.get(0));
            }
            statements.put("q" + number, parts.get(parts.size() - 1));
        }
        return statements;
    }

    private static String resource(String name) {
        try (InputStream in = TpchStatements.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("No resource " + name + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
