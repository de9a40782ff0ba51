package io.lakegate.engine.frontend;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * What name resolution needs to know of a session.
 *
 * @param catalog the catalog unqualified and two-part names resolve in
 * @param database the session's current database
 * @param temporaryViews names (lower case) of the session's temporary views, which are not catalog tables
 */
public record SessionContext(String catalog, String database, Set<String> temporaryViews) {
    public SessionContext {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(database, "database is null");
        temporaryViews = Set.copyOf(temporaryViews);
    }
}
