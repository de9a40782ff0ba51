package io.lakegate.catalog;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;

/** The catalog has no database (Iceberg namespace) of that name (SQLSTATE 3F000). */
public final class NoSuchDatabaseException extends LakegateException {
    private static final long serialVersionUID = 1L;

    public NoSuchDatabaseException(String database) {
        super(SqlStates.UNDEFINED_SCHEMA, "Database not found: " + database);
    }
}
