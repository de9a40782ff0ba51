package io.lakegate.engine.frontend;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What name resolution needs to know of a session.
 *
 * @param catalog the catalog unqualified and two-part names resolve in
 * @param database the session's current database
 * @param temporaryViews names of the session's temporary views, which are not catalog tables: lower case, or as
 *     written when {@code caseSensitive}
 * @param catalogs the catalogs that exist, as configured: the first part of a longer name is a catalog only if it is
 *     one of these (or {@code spark_catalog}, in any case), as Spark's {@code CatalogManager} decides
 * @param caseSensitive {@code spark.sql.caseSensitive}: CTE and temporary view names then compare as written
 */
public record SessionContext(
        String catalog, String database, Set<String> temporaryViews, Set<String> catalogs, boolean caseSensitive) {
    /** Spark's session catalog, which exists in every session. */
    public static final String SESSION_CATALOG = "spark_catalog";

    public SessionContext {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(database, "database is null");
        temporaryViews = Set.copyOf(temporaryViews);
        Set<String> known = new LinkedHashSet<>(catalogs);
        known.add(SESSION_CATALOG);
        catalogs = Set.copyOf(known);
    }

    /** A session whose only catalogs are its current one and Spark's session catalog, case-insensitive. */
    public SessionContext(String catalog, String database, Set<String> temporaryViews) {
        this(catalog, database, temporaryViews, Set.of(catalog), false);
    }

    /** The same session with these catalogs configured. */
    public SessionContext withCatalogs(Set<String> configured) {
        return new SessionContext(catalog, database, temporaryViews, configured, caseSensitive);
    }

    /** The same session with {@code spark.sql.caseSensitive} as given. */
    public SessionContext withCaseSensitive(boolean sensitive) {
        return new SessionContext(catalog, database, temporaryViews, catalogs, sensitive);
    }

    /** Whether a name's first part names a catalog: exactly as configured, the session catalog in any case. */
    boolean isCatalog(String part) {
        return part.equalsIgnoreCase(SESSION_CATALOG) || catalogs.contains(part);
    }
}
