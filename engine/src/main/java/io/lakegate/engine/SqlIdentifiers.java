package io.lakegate.engine;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Quoting of names in the Spark SQL the engine writes itself. */
final class SqlIdentifiers {
    private SqlIdentifiers() {}

    /** A dotted name ({@code db} or {@code catalog.db}) with each part back-quoted, so any character is safe. */
    static String quote(String dottedName) {
        return Arrays.stream(dottedName.split("\\.", -1))
                .map(part -> "`" + part.replace("`", "``") + "`")
                .collect(Collectors.joining("."));
    }
}
