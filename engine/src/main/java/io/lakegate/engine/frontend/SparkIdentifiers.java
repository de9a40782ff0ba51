package io.lakegate.engine.frontend;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Quoting of names in the Spark SQL that Lakegate writes itself. */
public final class SparkIdentifiers {
    private SparkIdentifiers() {}

    /** One name part, back-quoted, so any character in it is safe. */
    public static String quote(String part) {
        return "`" + part.replace("`", "``") + "`";
    }

    /** A dotted name ({@code db} or {@code catalog.db}) with each part back-quoted. */
    public static String quoteDotted(String dottedName) {
        return Arrays.stream(dottedName.split("\\.", -1))
                .map(SparkIdentifiers::quote)
                .collect(Collectors.joining("."));
    }
}
