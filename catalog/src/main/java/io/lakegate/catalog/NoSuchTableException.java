package io.lakegate.catalog;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;

/** The catalog has no table or view of that name: Spark's error class and SQLSTATE (42P01). */
public final class NoSuchTableException extends LakegateException {
    private static final long serialVersionUID = 1L;
    private static final String ERROR_CLASS = "TABLE_OR_VIEW_NOT_FOUND";

    public NoSuchTableException(String database, String name) {
        super(SqlStates.UNDEFINED_TABLE, ERROR_CLASS, "[" + ERROR_CLASS + "] The table or view `" + database + "`.`"
                + name + "` cannot be found.", null);
    }
}
