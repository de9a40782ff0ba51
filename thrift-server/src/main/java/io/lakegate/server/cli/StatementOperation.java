package io.lakegate.server.cli;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.ColumnBatch;
import io.lakegate.engine.ExecutionProgress;
import io.lakegate.engine.operation.Operation;
import io.lakegate.engine.operation.QueryOperation;
import io.lakegate.engine.operation.RowSink;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.hive.service.rpc.thrift.TFetchOrientation;
import org.apache.hive.service.rpc.thrift.TJobExecutionStatus;
import org.apache.hive.service.rpc.thrift.TOperationType;
import org.apache.hive.service.rpc.thrift.TProgressUpdateResp;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;

/** A statement the engine runs as an operation; its rows become FetchResults answers of the session's protocol. */
final class StatementOperation implements CliOperation {
    private static final List<String> PROGRESS_HEADERS =
            List.of("STAGES", "STATUS", "TOTAL", "COMPLETED", "RUNNING", "PENDING", "FAILED");

    private final Handle handle;
    private final ServerSession session;
    private final QueryOperation query;
    private final Duration fetchWait;

    StatementOperation(ServerSession session, QueryOperation query, Duration fetchWait) {
        this.handle = Handle.forId(query.id());
        this.session = session;
        this.query = query;
        this.fetchWait = fetchWait;
    }

    @Override
    public Handle handle() {
        return handle;
    }

    @Override
    public TOperationType type() {
        return TOperationType.EXECUTE_STATEMENT;
    }

    @Override
    public ServerSession serverSession() {
        return session;
    }

    @Override
    public Operation lifecycle() {
        return query;
    }

    @Override
    public boolean hasResultSet() {
        return query.hasResultSet();
    }

    @Override
    public List<Column> columns() {
        return query.columns().stream()
                .map(column -> new Column(column.name(), column.type(), Optional.empty()))
                .toList();
    }

    @Override
    public FetchedRows fetch(TFetchOrientation orientation, FetchBudget budget) {
        if (orientation != TFetchOrientation.FETCH_FIRST && orientation != TFetchOrientation.FETCH_NEXT) {
            throw CliOperation.unsupportedOrientation(orientation);
        }
        query.requireFinished();
        if (orientation == TFetchOrientation.FETCH_FIRST && query.rowsFetched() > 0) {
            throw new LakegateException(SqlStates.FEATURE_NOT_SUPPORTED, "FETCH_FIRST is not supported once rows "
                    + "have been fetched: the result streams from the cluster and is not kept; run the statement "
                    + "again");
        }
        boolean fromStart = orientation == TFetchOrientation.FETCH_FIRST;
        if (session.protocol().getValue() >= TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V6.getValue()) {
            ArrowRowSet rows = new ArrowRowSet(columns(), query.rowsFetched(), budget);
            return new FetchedRows(rows, query.fetch(rows, fromStart, fetchWait));
        }
        Answer answer = new Answer(new RowSetBuilder(columns(), query.rowsFetched()), budget);
        boolean more = query.fetch(answer, fromStart, fetchWait);
        return new FetchedRows(answer.rows.build(session.protocol()), more);
    }

    /** One row-based FetchResults answer (protocols before V6) being filled from the result's batches. */
    private record Answer(RowSetBuilder rows, FetchBudget budget) implements RowSink {
        @Override
        public boolean isFull() {
            return rows.isFull(budget);
        }

        @Override
        public int take(ColumnBatch batch, int offset, int count) {
            return rows.addRows(batch, offset, count, budget);
        }
    }

    @Override
    public Optional<TProgressUpdateResp> progress() {
        return query.progress().map(this::toThrift);
    }

    private TProgressUpdateResp toThrift(ExecutionProgress progress) {
        List<List<String>> rows = progress.stages().stream()
                .map(stage -> List.of("Stage-" + stage.id(), stage.done() ? "SUCCEEDED" : "RUNNING",
                        String.valueOf(stage.tasks()), String.valueOf(stage.completedTasks()),
                        stage.done() ? "0" : String.valueOf(stage.tasks() - stage.completedTasks()), "0", "0"))
                .toList();
        boolean done = !query.state().isActive();
        return new TProgressUpdateResp(PROGRESS_HEADERS, rows, done ? 1.0 : progress.completedFraction(),
                done ? TJobExecutionStatus.COMPLETE : TJobExecutionStatus.IN_PROGRESS,
                "STAGES: " + progress.stages().stream().filter(ExecutionProgress.Stage::done).count() + "/"
                        + progress.stages().size(),
                query.startedMillis());
    }
}
