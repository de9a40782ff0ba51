package io.lakegate.engine.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.lakegate.common.LakegateException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SparkErrorsTest {
    private static final ConnectTimeouts TIMEOUTS = new ConnectTimeouts(Duration.ofMinutes(2), Duration.ofMinutes(30),
            Duration.ofMinutes(5), Duration.ofSeconds(20));

    @Test
    void analysisErrorsLoseTheirPlan() {
        String spark = "[TABLE_OR_VIEW_NOT_FOUND] The table or view `t` cannot be found.\nIf you did not qualify "
                + "the name with a schema, verify the current_schema() output. SQLSTATE: 42P01; line 1 pos 14;\n"
                + "'Project [*]\n+- 'UnresolvedRelation [t], [], false\n";
        assertThat(SparkErrors.withoutPlan(spark))
                .endsWith("SQLSTATE: 42P01; line 1 pos 14")
                .doesNotContain("UnresolvedRelation");
    }

    @Test
    void syntaxErrorsKeepTheirPointer() {
        String spark = "[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'. SQLSTATE: 42601 (line 1, pos 0)\n\n"
                + "== SQL ==\nSELEC 1\n^^^\n";
        assertThat(SparkErrors.withoutPlan(spark)).isEqualTo(spark);
    }

    @Test
    void icebergsOwnErrorsGetTheClassAndStateOfSparksErrorForTheSameCondition() {
        try (SparkConnectClient client = new SparkConnectClient("localhost", 15002, "token", TIMEOUTS,
                Optional::empty)) {
            LakegateException missing = SparkErrors.translate(
                    sparkError("org.apache.iceberg.exceptions.NoSuchNamespaceException",
                            "Namespace does not exist: nowhere", Map.of()), client);
            assertThat(missing.sqlState()).isEqualTo("42704");
            assertThat(missing.errorClass()).contains("SCHEMA_NOT_FOUND");
            assertThat(missing.getMessage()).isEqualTo("[SCHEMA_NOT_FOUND] Namespace does not exist: nowhere");

            LakegateException notEmpty = SparkErrors.translate(
                    sparkError("org.apache.iceberg.exceptions.NamespaceNotEmptyException", "Namespace s is not empty",
                            Map.of()), client);
            assertThat(notEmpty.sqlState()).isEqualTo("2BP01");
            assertThat(notEmpty.getMessage()).startsWith("[SCHEMA_NOT_EMPTY] ");

            LakegateException spark = SparkErrors.translate(
                    sparkError("org.apache.spark.sql.AnalysisException", "[TABLE_OR_VIEW_NOT_FOUND] The table or view "
                            + "`t` cannot be found. SQLSTATE: 42P01",
                            Map.of("errorClass", "TABLE_OR_VIEW_NOT_FOUND", "sqlState", "42P01")), client);
            assertThat(spark.sqlState()).isEqualTo("42P01");
            assertThat(spark.getMessage()).startsWith("[TABLE_OR_VIEW_NOT_FOUND] The table");

            LakegateException other = SparkErrors.translate(
                    sparkError("java.lang.IllegalStateException", "odd", Map.of()), client);
            assertThat(other.sqlState()).isEqualTo("XX000");
            assertThat(other.getMessage()).isEqualTo("odd");
        }
    }

    /** A failure as Spark Connect reports it: status INTERNAL with an ErrorInfo naming the exception class. */
    private static RuntimeException sparkError(String exceptionClass, String message, Map<String, String> metadata) {
        ErrorInfo info = ErrorInfo.newBuilder().setReason(exceptionClass).setDomain("org.apache.spark")
                .putAllMetadata(metadata).build();
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder().setCode(Status.Code.INTERNAL.value())
                .setMessage(message).addDetails(Any.pack(info)).build();
        return StatusProto.toStatusRuntimeException(status);
    }

    @Test
    void aLostClusterIsReportedWithoutItsAddressOrTheTransportsError() {
        RuntimeException refused = Status.UNAVAILABLE.withDescription("io exception")
                .withCause(new IOException("Connection refused: spark-7.internal/10.1.2.3:15002"))
                .asRuntimeException();
        try (SparkConnectClient client = new SparkConnectClient("spark-7.internal", 15002, "token", TIMEOUTS,
                Optional::empty)) {
            LakegateException lost = SparkErrors.translate(refused, client);
            assertThat(lost.sqlState()).isEqualTo("08006");
            assertThat(lost.getMessage()).contains("Lost the connection to the Spark cluster", "server log")
                    .doesNotContain("spark-7.internal", "10.1.2.3", "15002", "io exception");
        }
    }

    @Test
    void aStoppedClusterIsReportedWithItsExitButWithoutItsAddress() {
        RuntimeException broken = Status.UNAVAILABLE.withDescription("Network closed for unknown reason")
                .asRuntimeException();
        try (SparkConnectClient client = new SparkConnectClient("spark-7.internal", 15002, "token", TIMEOUTS,
                () -> Optional.of("its process exited with code 137"))) {
            LakegateException stopped = SparkErrors.translate(broken, client);
            assertThat(stopped.sqlState()).isEqualTo("08006");
            assertThat(stopped.getMessage()).contains("stopped while working on the statement", "exited with code 137")
                    .doesNotContain("spark-7.internal", "15002");
        }
        try (SparkConnectClient client = new SparkConnectClient("spark-7.internal", 15002, "token", TIMEOUTS,
                Optional::empty)) {
            LakegateException late = SparkErrors.translate(Status.DEADLINE_EXCEEDED.asRuntimeException(), client);
            assertThat(late.sqlState()).isEqualTo("HYT00");
            assertThat(late.getMessage()).doesNotContain("spark-7.internal");
        }
    }
}
