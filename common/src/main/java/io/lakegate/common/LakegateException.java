package io.lakegate.common;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The one exception every Lakegate module throws for a failed statement or call. It carries the SQLSTATE a client
 * sees and a message written for a person; details that only an operator needs go to the log, not here.
 */
public class LakegateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;
    private final String errorClass;

    public LakegateException(String sqlState, String message) {
        this(sqlState, null, message, null);
    }

    public LakegateException(String sqlState, String message, Throwable cause) {
        this(sqlState, null, message, cause);
    }

    /**
     * @param errorClass the symbolic error class of the system that raised the error (Spark's
     *     {@code TABLE_OR_VIEW_NOT_FOUND}, for example), or null when there is none
     */
    public LakegateException(String sqlState, String errorClass, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.sqlState = SqlStates.requireValid(sqlState);
        this.errorClass = errorClass;
    }

    /** The five-character SQLSTATE of this error. */
    public String sqlState() {
        return sqlState;
    }

    /** The error class of the system that raised the error, when it named one. */
    public Optional<String> errorClass() {
        return Optional.ofNullable(errorClass);
    }
}
