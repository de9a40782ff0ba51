package io.lakegate.common;

import java.util.regex.Pattern;

/** The SQLSTATEs Lakegate raises itself; errors from Spark keep the SQLSTATE Spark gave them. */
public final class SqlStates {
    /** An option or argument has a value that cannot be used. */
    public static final String INVALID_PARAMETER_VALUE = "22023";
    /** The statement refers to a table or view that does not exist. */
    public static final String UNDEFINED_TABLE = "42P01";
    /** The statement refers to a database (namespace) that does not exist. */
    public static final String UNDEFINED_SCHEMA = "42704";
    /** The user may not do what the statement asks: an access policy denies it, or it cannot be checked. */
    public static final String ACCESS_DENIED = "42000";
    /** The statement is not valid SQL. */
    public static final String SYNTAX_ERROR = "42601";
    /** The Spark cluster could not be reached or stopped while working. */
    public static final String CONNECTION_FAILURE = "08006";
    /** No Spark cluster could be started. */
    public static final String CONNECTION_NOT_ESTABLISHED = "08001";
    /** The statement asks for something Lakegate does not support (yet). */
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    /** The statement was cancelled before it finished (the ODBC/JDBC convention). */
    public static final String OPERATION_CANCELED = "HY008";
    /** The statement ran longer than its time limit. */
    public static final String TIMEOUT_EXPIRED = "HYT00";
    /** A memory limit of the gateway was reached. */
    public static final String OUT_OF_MEMORY = "53200";
    /** The session or engine was used after it was closed. */
    public static final String INVALID_STATE = "24000";
    /** A session or operation handle (or id) that names nothing open: it never existed, or was closed. */
    public static final String INVALID_HANDLE = "HY000";
    /** A call that needs a finished operation came before it finished (ODBC's function sequence error). */
    public static final String SEQUENCE_ERROR = "HY010";
    /** As many sessions or operations are open as the limits allow. */
    public static final String TOO_MANY = "53300";
    /** Who the client is could not be established: wrong credentials, or an identity it may not act as. */
    public static final String INVALID_AUTHORIZATION = "28000";
    /** Something failed inside Lakegate; the server log has the details. */
    public static final String INTERNAL_ERROR = "XX000";

    private static final Pattern SQLSTATE = Pattern.compile("[0-9A-Z]{5}");

    private SqlStates() {}

    static String requireValid(String sqlState) {
        if (sqlState == null || !SQLSTATE.matcher(sqlState).matches()) {
            throw new IllegalArgumentException("sqlState: " + sqlState + " (expected: five digits or capitals)");
        }
        return sqlState;
    }
}
