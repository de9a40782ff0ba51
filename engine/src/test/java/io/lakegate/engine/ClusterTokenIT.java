package io.lakegate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.lakegate.cluster.runtime.LocalClusterMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.spark.connect.proto.ExecutePlanRequest;
import org.apache.spark.connect.proto.Plan;
import org.apache.spark.connect.proto.Relation;
import org.apache.spark.connect.proto.SQL;
import org.apache.spark.connect.proto.SparkConnectServiceGrpc;
import org.apache.spark.connect.proto.UserContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A local cluster answers only the engine: a Spark Connect client without the cluster's token is refused. */
@ExtendWith(SharedEngine.class)
class ClusterTokenIT {
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("Authorization", Metadata.ASCII_STRING_MARSHALLER);

    @Test
    void aClientWithoutTheTokenIsRefusedWhileTheEngineWorks(Engine engine) throws InterruptedException {
        String target = engine.clusters().acquire().client().target();
        assertThat(refusal(target, Optional.empty()).getDescription()).contains("No authentication token");
        assertThat(refusal(target, Optional.of("Bearer not-the-token")).getDescription())
                .contains("Invalid authentication token");

        try (Session session = engine.openSession(SessionSpec.forUser("tokenholder"))) {
            assertThat(Results.firstValue(session.execute("SELECT 40 + 2"))).isEqualTo(42);
        }
    }

    @Test
    void theTokenAndTheCatalogsSecretsStayOffTheCommandLine(Engine engine) throws IOException {
        engine.warmUp();
        List<ProcessHandle> clusters = LocalClusters.below(ProcessHandle.current());
        assertThat(clusters).isNotEmpty();
        for (ProcessHandle cluster : clusters) {
            String commandLine = cluster.info().commandLine().orElseThrow();
            String token = environment(cluster.pid(), LocalClusterMain.TOKEN_ENVIRONMENT);
            assertThat(token).hasSizeGreaterThan(30);
            assertThat(commandLine).doesNotContain(token).doesNotContain("authenticate.token")
                    .doesNotContain(".uri=").doesNotContain("password");
            assertThat(environment(cluster.pid(), LocalClusterMain.SECRET_CONF_ENVIRONMENT))
                    .contains("spark.sql.catalog.lakehouse.uri");
            try (var logs = Files.list(SharedEngine.DATA_DIR.resolve("work").resolve("clusters"))) {
                for (Path log : logs.filter(path -> path.toString().endsWith(".log")).toList()) {
                    assertThat(Files.readString(log, StandardCharsets.UTF_8)).doesNotContain(token);
                }
            }
        }
    }

    /** What the cluster answers a plain Spark Connect client that sends the given Authorization header, if any. */
    private static Status refusal(String target, Optional<String> authorization) throws InterruptedException {
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(target).usePlaintext();
        authorization.ifPresent(value -> {
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, value);
            builder.intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
        });
        ManagedChannel channel = builder.build();
        try {
            ExecutePlanRequest request = ExecutePlanRequest.newBuilder()
                    .setSessionId(UUID.randomUUID().toString())
                    .setUserContext(UserContext.newBuilder().setUserId("intruder"))
                    .setPlan(Plan.newBuilder().setRoot(Relation.newBuilder()
                            .setSql(SQL.newBuilder().setQuery("SELECT 1"))))
                    .build();
            StatusRuntimeException failure = (StatusRuntimeException) catchThrowable(
                    () -> SparkConnectServiceGrpc.newBlockingStub(channel)
                            .withDeadlineAfter(30, TimeUnit.SECONDS)
                            .executePlan(request)
                            .forEachRemaining(response -> { }));
            assertThat(failure).as("the cluster refuses the call").isNotNull();
            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            return failure.getStatus();
        } finally {
            channel.shutdownNow();
            channel.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** A variable of a process's environment, as the operating system shows it to its owner. */
    private static String environment(long pid, String name) throws IOException {
        String environ = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")),
                StandardCharsets.UTF_8);
        return Arrays.stream(environ.split("\0"))
                .filter(entry -> entry.startsWith(name + "="))
                .map(entry -> entry.substring(name.length() + 1))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in the environment of process " + pid));
    }
}
