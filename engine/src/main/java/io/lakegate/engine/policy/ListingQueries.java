package io.lakegate.engine.policy;

import io.lakegate.catalog.LakeCatalog;
import io.lakegate.catalog.TableInfo;
import io.lakegate.catalog.TableType;
import io.lakegate.common.NamePattern;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * {@code SHOW DATABASES}, {@code SHOW TABLES} and {@code SHOW VIEWS} for a restricted user, answered from the catalog
 * as the user may see it: the statement Spark runs is a query over the listing's rows, with the columns Spark's own
 * command returns, so that clients read the same shape.
 */
final class ListingQueries {
    private ListingQueries() {}

    static String databases(LakeCatalog visible, Optional<String> pattern) {
        List<String> rows = visible.listDatabases().stream().filter(matcher(pattern))
                .map(database -> "(" + literal(database) + ")").toList();
        return query(rows, "CAST(NULL AS STRING)", "namespace");
    }

    static String tables(LakeCatalog visible, String database, Optional<String> pattern, boolean viewsOnly) {
        List<String> rows = visible.listTables(database).stream()
                .filter(table -> !viewsOnly || table.type() == TableType.VIEW)
                .map(TableInfo::name)
                .filter(matcher(pattern))
                .map(name -> "(" + literal(database) + ", " + literal(name) + ", false)")
                .toList();
        return query(rows, "CAST(NULL AS STRING), CAST(NULL AS STRING), false",
                "namespace, " + (viewsOnly ? "viewName" : "tableName") + ", isTemporary");
    }

    private static String query(List<String> rows, String emptyRow, String columns) {
        String values = rows.isEmpty() ? "(" + emptyRow + ")" : String.join(", ", rows);
        return "SELECT * FROM VALUES " + values + " AS listing(" + columns + ")"
                + (rows.isEmpty() ? " WHERE false" : "");
    }

    /** Spark's listing patterns: alternatives separated by {@code |}, {@code *} for any characters, any case. */
    private static Predicate<String> matcher(Optional<String> pattern) {
        if (pattern.isEmpty()) {
            return name -> true;
        }
        List<NamePattern> alternatives = Stream.of(pattern.get().split("\\|"))
                .map(String::strip)
                .map(NamePattern::star)
                .toList();
        return name -> alternatives.stream().anyMatch(alternative -> alternative.matches(name));
    }

    /** A Spark string literal: backslashes and quotes escaped, so any name is safe inside it. */
    private static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
