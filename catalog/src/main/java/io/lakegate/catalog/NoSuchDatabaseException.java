package io.lakegate.catalog;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;

/**
 * The catalog has no database (Iceberg namespace) of that name: Spark's error class and SQLSTATE (42704), which
 * clients such as dbt-spark look for in the message.
 */
public final class NoSuchDatabaseException extends LakegateException {
    private static final long serialVersionUID = 1L;
    private static final String ERROR_CLASS = "SCHEMA_NOT_FOUND";

    public NoSuchDatabaseException(String database) {
        super(SqlStates.UNDEFINED_SCHEMA, ERROR_CLASS, "[" + ERROR_CLASS + "] The schema `" + database
                + "` cannot be found.", null);
    }
}
