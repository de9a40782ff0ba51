package io.lakegate.engine.connect;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failed Spark Connect call into a {@link LakegateException}. Spark reports its errors as gRPC status
 * INTERNAL with a {@code google.rpc.ErrorInfo} detail whose metadata holds the SQLSTATE and the error class; everything
 * else is a transport failure, reported as a lost connection to the cluster.
 */
final class SparkErrors {
    private static final Logger LOG = LoggerFactory.getLogger(SparkErrors.class);
    private static final String SQL_STATE_KEY = "sqlState";
    private static final String ERROR_CLASS_KEY = "errorClass";

    /**
     * Iceberg's errors that Spark passes on as they are, without an error class or SQLSTATE, by the exception class
     * Spark Connect names as the error's reason: each gets the class and SQLSTATE of Spark's own error for the same
     * condition, which clients (dbt-spark among them) look for in the message.
     */
    private static final Map<String, IcebergError> ICEBERG_ERRORS = Map.of(
            "org.apache.iceberg.exceptions.NoSuchNamespaceException",
            new IcebergError("SCHEMA_NOT_FOUND", SqlStates.UNDEFINED_SCHEMA),
            "org.apache.iceberg.exceptions.NoSuchTableException",
            new IcebergError("TABLE_OR_VIEW_NOT_FOUND", SqlStates.UNDEFINED_TABLE),
            "org.apache.iceberg.exceptions.NoSuchViewException",
            new IcebergError("TABLE_OR_VIEW_NOT_FOUND", SqlStates.UNDEFINED_TABLE),
            "org.apache.iceberg.exceptions.NamespaceNotEmptyException",
            new IcebergError("SCHEMA_NOT_EMPTY", "2BP01"));

    private record IcebergError(String errorClass, String sqlState) {}

    private SparkErrors() {}

    static LakegateException translate(RuntimeException failure, SparkConnectClient client) {
        if (failure instanceof LakegateException lakegate) {
            return lakegate;
        }
        Status status = Status.fromThrowable(failure);
        Optional<ErrorInfo> errorInfo = errorInfo(failure);
        if (errorInfo.isPresent()) {
            ErrorInfo info = errorInfo.get();
            String message = withoutPlan(describe(status));
            if (!info.containsMetadata(ERROR_CLASS_KEY)) {
                IcebergError iceberg = ICEBERG_ERRORS.get(info.getReason());
                if (iceberg != null) {
                    return new LakegateException(iceberg.sqlState(), iceberg.errorClass(),
                            "[" + iceberg.errorClass() + "] " + message, failure);
                }
            }
            String sqlState = info.getMetadataOrDefault(SQL_STATE_KEY, SqlStates.INTERNAL_ERROR);
            String errorClass = info.getMetadataOrDefault(ERROR_CLASS_KEY, null);
            return new LakegateException(sqlState, errorClass, message, failure);
        }
        if (status.getCode() == Status.Code.CANCELLED) {
            return new LakegateException(SqlStates.OPERATION_CANCELED, "The statement was cancelled", failure);
        }
        // Where the cluster is and what the transport saw (addresses, exceptions) is for the server log only.
        LOG.info("Spark Connect call to {} failed: {}{}", client.target(), describe(status),
                status.getCause() == null ? "" : " (" + status.getCause() + ")");
        if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            return new LakegateException(SqlStates.TIMEOUT_EXPIRED,
                    "The Spark cluster did not answer in time; run the statement again later", failure);
        }
        return client.stopCause()
                .map(cause -> new LakegateException(SqlStates.CONNECTION_FAILURE,
                        "The Spark cluster stopped while working on the statement (" + cause
                                + "). The next statement starts a new cluster.",
                        failure))
                .orElseGet(() -> new LakegateException(SqlStates.CONNECTION_FAILURE,
                        "Lost the connection to the Spark cluster while working on the statement. Run it again; if "
                                + "that fails too, an administrator finds the details in the server log",
                        failure));
    }

    private static Optional<ErrorInfo> errorInfo(Throwable failure) {
        com.google.rpc.Status details = StatusProto.fromThrowable(failure);
        if (details == null) {
            return Optional.empty();
        }
        for (Any detail : details.getDetailsList()) {
            if (detail.is(ErrorInfo.class)) {
                try {
                    return Optional.of(detail.unpack(ErrorInfo.class));
                } catch (InvalidProtocolBufferException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Spark appends the statement's logical plan to analysis errors ({@code ... SQLSTATE: 42P01; line 1 pos 14;}
     * followed by the plan's lines). The plan is for Spark's developers, and would show a client the gateway's
     * rewritten statement; the message ends where the plan starts.
     */
    static String withoutPlan(String message) {
        int sqlState = message.indexOf("SQLSTATE: ");
        if (sqlState < 0) {
            return message;
        }
        int lineEnd = message.indexOf('\n', sqlState);
        if (lineEnd < 0 || message.charAt(lineEnd - 1) != ';') {
            return message;
        }
        return message.substring(0, lineEnd - 1);
    }

    private static String describe(Status status) {
        String description = status.getDescription();
        return description == null || description.isBlank() ? status.getCode().name() : description.strip();
    }
}
