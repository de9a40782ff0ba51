package io.lakegate.policy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A resource of Ranger's {@code hive} service definition: a database, a table (or view) of it, a column of that, or a
 * {@code url} (a file system path). Names are as the catalog stores them; Ranger matches them case-insensitively.
 */
public record HiveResource(
        Optional<String> database, Optional<String> table, Optional<String> column, Optional<String> url) {
    public HiveResource {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        requireNonNull(column, "column is null");
        requireNonNull(url, "url is null");
        if (url.isPresent() == database.isPresent() || (table.isPresent() && database.isEmpty())
                || (column.isPresent() && table.isEmpty())) {
            throw new IllegalArgumentException("resource: " + database + "/" + table + "/" + column + "/" + url
                    + " (expected: a url, or a database with optional table and column)");
        }
    }

    public static HiveResource database(String database) {
        return new HiveResource(Optional.of(database), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static HiveResource table(String database, String table) {
        return new HiveResource(Optional.of(database), Optional.of(table), Optional.empty(), Optional.empty());
    }

    public static HiveResource column(String database, String table, String column) {
        return new HiveResource(Optional.of(database), Optional.of(table), Optional.of(column), Optional.empty());
    }

    public static HiveResource url(String url) {
        return new HiveResource(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(url));
    }

    /** The resource as a person reads it in an error message: {@code sales.orders.amount}, or the url. */
    @Override
    public String toString() {
        return url.orElseGet(() -> database.get() + table.map(t -> "." + t).orElse("")
                + column.map(c -> "." + c).orElse(""));
    }
}
