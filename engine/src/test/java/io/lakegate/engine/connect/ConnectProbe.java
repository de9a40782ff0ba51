package io.lakegate.engine.connect;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.spark.connect.proto.ExecutePlanRequest;
import org.apache.spark.connect.proto.UserContext;

/** Runs statements through {@code engine.connect} directly in tests, without the engine's front end. */
public final class ConnectProbe {
    private ConnectProbe() {}

    /** Every row of a statement's result, each value as Arrow reads it (text as a string). */
    public static List<List<Object>> rows(
            ConnectSession session, String sql, ExecutionApproval approval, BufferAllocator allocator) {
        try (ExecutionStream stream = session.execute(sql, java.util.UUID.randomUUID().toString(), approval,
                allocator)) {
            return drain(stream);
        }
    }

    /** What a client that sends no approval gets: the request the engine would send, without the tag. */
    public static List<List<Object>> rowsWithoutApproval(
            ConnectSession session, String user, String sql, BufferAllocator allocator) {
        ExecutePlanRequest request = ExecutePlanRequest.newBuilder()
                .setSessionId(session.sessionId())
                .setUserContext(UserContext.newBuilder().setUserId(user).setUserName(user))
                .setClientType(ConnectSession.CLIENT_TYPE)
                .setOperationId(java.util.UUID.randomUUID().toString())
                .setPlan(ConnectSession.pacedPlan(sql))
                .build();
        try (ExecutionStream stream = ExecutionStream.start(session.client(), request, allocator)) {
            return drain(stream);
        }
    }

    private static List<List<Object>> drain(ExecutionStream stream) {
        List<List<Object>> rows = new ArrayList<>();
        while (stream.nextBatch()) {
            VectorSchemaRoot batch = stream.batch();
            for (int row = 0; row < batch.getRowCount(); row++) {
                List<Object> values = new ArrayList<>();
                for (FieldVector vector : batch.getFieldVectors()) {
                    Object value = vector.getObject(row);
                    values.add(value == null ? null : value instanceof org.apache.arrow.vector.util.Text
                            ? value.toString() : value);
                }
                rows.add(values);
            }
        }
        return rows;
    }
}
