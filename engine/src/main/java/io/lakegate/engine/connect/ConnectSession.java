package io.lakegate.engine.connect;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import io.lakegate.common.LakegateException;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.spark.connect.proto.Command;
import org.apache.spark.connect.proto.ConfigRequest;
import org.apache.spark.connect.proto.ExecutePlanRequest;
import org.apache.spark.connect.proto.InterruptRequest;
import org.apache.spark.connect.proto.KeyValue;
import org.apache.spark.connect.proto.Plan;
import org.apache.spark.connect.proto.ReleaseSessionRequest;
import org.apache.spark.connect.proto.SQL;
import org.apache.spark.connect.proto.UserContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Spark Connect session: its own configuration, current database and temporary views on the server. Spark keys
 * sessions by user and a client-chosen UUID.
 */
public final class ConnectSession implements AutoCloseable {
    static final String CLIENT_TYPE = "lakegate";
    private static final Logger LOG = LoggerFactory.getLogger(ConnectSession.class);

    private final SparkConnectClient client;
    private final String sessionId = UUID.randomUUID().toString();
    private final UserContext userContext;

    ConnectSession(SparkConnectClient client, String user) {
        this.client = requireNonNull(client, "client is null");
        this.userContext = UserContext.newBuilder().setUserId(user).setUserName(user).build();
    }

    public String sessionId() {
        return sessionId;
    }

    public SparkConnectClient client() {
        return client;
    }

    /** Sets session configuration on the server, as {@code SET key=value} would. */
    public void setConf(Map<String, String> entries) {
        if (entries.isEmpty()) {
            return;
        }
        ConfigRequest.Set.Builder set = ConfigRequest.Set.newBuilder();
        entries.forEach((key, value) -> set.addPairs(KeyValue.newBuilder().setKey(key).setValue(value)));
        ConfigRequest request = ConfigRequest.newBuilder()
                .setSessionId(sessionId)
                .setUserContext(userContext)
                .setClientType(CLIENT_TYPE)
                .setOperation(ConfigRequest.Operation.newBuilder().setSet(set))
                .build();
        client.call("settings", stub -> stub.config(request));
    }

    /**
     * Starts a statement and waits for its result schema. The server runs commands (DDL, DML) while it prepares that
     * schema, so a failing command fails here.
     *
     * @param operationId a fresh UUID; {@link #interrupt} finds the statement by it
     * @param approval what the gateway approved for this statement; the cluster refuses a plan that strays from it
     *     with SQLSTATE 42000 (error class {@code LAKEGATE_REFUSED}), and refuses every statement without one
     */
    public ExecutionStream execute(
            String sql, String operationId, ExecutionApproval approval, BufferAllocator allocator) {
        requireNonNull(approval, "approval is null");
        ExecutePlanRequest request = ExecutePlanRequest.newBuilder()
                .setSessionId(sessionId)
                .setUserContext(userContext)
                .setClientType(CLIENT_TYPE)
                .setOperationId(operationId)
                .addTags(approval.tag())
                .setPlan(pacedPlan(sql))
                .build();
        return ExecutionStream.start(client, request, allocator);
    }

    /**
     * The statement as the cluster's paced-result command ({@code PacedResults} of the cluster runtime) rather than as
     * a plan root: Spark's own root path keeps whatever the client has not read yet in the cluster driver's memory, so
     * a slow reader, or a result larger than that memory, would end the cluster.
     */
    static Plan pacedPlan(String sql) {
        return Plan.newBuilder()
                .setCommand(Command.newBuilder().setExtension(Any.pack(SQL.newBuilder().setQuery(sql).build())))
                .build();
    }

    /**
     * Runs a statement of the engine's own (never a user's text) whose result, if any, is of no interest: unrestricted.
     */
    public void run(String sql, BufferAllocator allocator) {
        run(sql, UUID.randomUUID().toString(), ExecutionApproval.unrestrictedApproval(), allocator);
    }

    /** Runs a command whose result, if any, is of no interest, as the gateway approved it. */
    public void run(String sql, String operationId, ExecutionApproval approval, BufferAllocator allocator) {
        try (ExecutionStream stream = execute(sql, operationId, approval, allocator)) {
            while (stream.nextBatch()) {
                // Reading to the end lets the call finish normally rather than be abandoned.
            }
        }
    }

    /** Asks the server to stop a running statement; true if it found the statement running. */
    public boolean interrupt(String operationId) {
        InterruptRequest request = InterruptRequest.newBuilder()
                .setSessionId(sessionId)
                .setUserContext(userContext)
                .setClientType(CLIENT_TYPE)
                .setInterruptType(InterruptRequest.InterruptType.INTERRUPT_TYPE_OPERATION_ID)
                .setOperationId(operationId)
                .build();
        return client.call("interrupt", stub -> stub.interrupt(request))
                .getInterruptedIdsList()
                .contains(operationId);
    }

    /** Releases the server's session state; a server that is already gone has nothing to release. */
    @Override
    public void close() {
        ReleaseSessionRequest request = ReleaseSessionRequest.newBuilder()
                .setSessionId(sessionId)
                .setUserContext(userContext)
                .setClientType(CLIENT_TYPE)
                .build();
        try {
            client.call("session release", stub -> stub.releaseSession(request));
        } catch (LakegateException e) {
            LOG.debug("Could not release Spark Connect session {} on {}", sessionId, client.target(), e);
        }
    }
}
