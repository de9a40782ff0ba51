package io.lakegate.cluster.runtime.results;

import org.apache.spark.connect.proto.SQL;
import org.apache.spark.sql.connect.planner.SparkConnectPlanner;
import org.apache.spark.sql.connect.plugin.CommandPlugin;
import org.apache.spark.sql.connect.service.ExecuteHolder;
import org.sparkproject.connect.protobuf.Any;
import org.sparkproject.connect.protobuf.InvalidProtocolBufferException;

/**
 * Runs a SQL statement whose result the reader paces: the gateway's way of running statements, sent as an extension
 * command holding Spark Connect's own {@link SQL} message. Spark's own result path cannot be paced: it runs one job
 * over every partition, keeps each finished partition in the driver until it is sent, and its response buffer keeps
 * every response until gRPC takes it, so a slow reader, or a fast one slower than the cluster, grows the driver's
 * heap until it fails. Here the statement runs through {@link PacedExecution} instead.
 *
 * <p>Registered through {@code spark.connect.extensions.command.classes}. The statement is analysed by the session,
 * as Spark's own {@code SQL} relation is, on Spark's execution thread, whose job tags carry the gateway's approval: the
 * plan verifier sees every plan this runs, and an interrupt of the operation stops it.
 */
public final class PacedResults implements CommandPlugin {
    @Override
    public boolean process(byte[] command, SparkConnectPlanner planner) {
        Any extension;
        try {
            extension = Any.parseFrom(command);
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
        if (!extension.is(SQL.class)) {
            return false;
        }
        SQL statement = unpack(extension);
        if (!statement.getArgsMap().isEmpty() || statement.getPosArgsCount() > 0
                || statement.getNamedArgumentsCount() > 0 || statement.getPosArgumentsCount() > 0) {
            throw new IllegalArgumentException("A paced statement takes no parameters");
        }
        ExecuteHolder execution = planner.executeHolderOpt().get();
        SentBatches sent = ResultPacing.sentBatchesOf(execution.operationId()).orElseThrow(() ->
                new IllegalStateException("A paced statement needs " + ResultPacing.class.getName()
                        + " in spark.connect.grpc.interceptor.classes"));
        new PacedExecution(execution.responseObserver(), sent,
                PacingSettings.of(planner.session().sparkContext()))
                .run(planner.session().sql(statement.getQuery()));
        return true;
    }

    private static SQL unpack(Any extension) {
        try {
            return extension.unpack(SQL.class);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("The paced statement does not decode", e);
        }
    }
}
