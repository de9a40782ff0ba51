package io.lakegate.catalog;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;

/** The catalog has no table or view of that name (SQLSTATE 42P01). */
public final class NoSuchTableException extends LakegateException {
    private static final long serialVersionUID = 1L;

    public NoSuchTableException(String database, String name) {
        super(SqlStates.UNDEFINED_TABLE, "Table or view not found: " + database + "." + name);
    }
}
