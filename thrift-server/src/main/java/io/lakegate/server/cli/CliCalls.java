package io.lakegate.server.cli;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SparkType;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.SessionSpec;
import io.lakegate.engine.operation.Operation;
import io.lakegate.engine.operation.OperationState;
import io.lakegate.engine.operation.QueryOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TCancelDelegationTokenReq;
import org.apache.hive.service.rpc.thrift.TCancelDelegationTokenResp;
import org.apache.hive.service.rpc.thrift.TCancelOperationReq;
import org.apache.hive.service.rpc.thrift.TCancelOperationResp;
import org.apache.hive.service.rpc.thrift.TCloseOperationReq;
import org.apache.hive.service.rpc.thrift.TCloseOperationResp;
import org.apache.hive.service.rpc.thrift.TCloseSessionReq;
import org.apache.hive.service.rpc.thrift.TCloseSessionResp;
import org.apache.hive.service.rpc.thrift.TDownloadDataReq;
import org.apache.hive.service.rpc.thrift.TDownloadDataResp;
import org.apache.hive.service.rpc.thrift.TExecuteStatementReq;
import org.apache.hive.service.rpc.thrift.TExecuteStatementResp;
import org.apache.hive.service.rpc.thrift.TFetchResultsReq;
import org.apache.hive.service.rpc.thrift.TFetchResultsResp;
import org.apache.hive.service.rpc.thrift.TGetCatalogsReq;
import org.apache.hive.service.rpc.thrift.TGetCatalogsResp;
import org.apache.hive.service.rpc.thrift.TGetColumnsReq;
import org.apache.hive.service.rpc.thrift.TGetColumnsResp;
import org.apache.hive.service.rpc.thrift.TGetCrossReferenceReq;
import org.apache.hive.service.rpc.thrift.TGetCrossReferenceResp;
import org.apache.hive.service.rpc.thrift.TGetDelegationTokenReq;
import org.apache.hive.service.rpc.thrift.TGetDelegationTokenResp;
import org.apache.hive.service.rpc.thrift.TGetFunctionsReq;
import org.apache.hive.service.rpc.thrift.TGetFunctionsResp;
import org.apache.hive.service.rpc.thrift.TGetInfoReq;
import org.apache.hive.service.rpc.thrift.TGetInfoResp;
import org.apache.hive.service.rpc.thrift.TGetInfoValue;
import org.apache.hive.service.rpc.thrift.TGetOperationStatusReq;
import org.apache.hive.service.rpc.thrift.TGetOperationStatusResp;
import org.apache.hive.service.rpc.thrift.TGetPrimaryKeysReq;
import org.apache.hive.service.rpc.thrift.TGetPrimaryKeysResp;
import org.apache.hive.service.rpc.thrift.TGetQueryIdReq;
import org.apache.hive.service.rpc.thrift.TGetQueryIdResp;
import org.apache.hive.service.rpc.thrift.TGetResultSetMetadataReq;
import org.apache.hive.service.rpc.thrift.TGetResultSetMetadataResp;
import org.apache.hive.service.rpc.thrift.TGetSchemasReq;
import org.apache.hive.service.rpc.thrift.TGetSchemasResp;
import org.apache.hive.service.rpc.thrift.TGetTableTypesReq;
import org.apache.hive.service.rpc.thrift.TGetTableTypesResp;
import org.apache.hive.service.rpc.thrift.TGetTablesReq;
import org.apache.hive.service.rpc.thrift.TGetTablesResp;
import org.apache.hive.service.rpc.thrift.TGetTypeInfoReq;
import org.apache.hive.service.rpc.thrift.TGetTypeInfoResp;
import org.apache.hive.service.rpc.thrift.TOpenSessionReq;
import org.apache.hive.service.rpc.thrift.TOpenSessionResp;
import org.apache.hive.service.rpc.thrift.TOperationHandle;
import org.apache.hive.service.rpc.thrift.TOperationType;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.hive.service.rpc.thrift.TRenewDelegationTokenReq;
import org.apache.hive.service.rpc.thrift.TRenewDelegationTokenResp;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.apache.hive.service.rpc.thrift.TSetClientInfoReq;
import org.apache.hive.service.rpc.thrift.TSetClientInfoResp;
import org.apache.hive.service.rpc.thrift.TStatus;
import org.apache.hive.service.rpc.thrift.TStatusCode;
import org.apache.hive.service.rpc.thrift.TTableSchema;
import org.apache.hive.service.rpc.thrift.TUploadDataReq;
import org.apache.hive.service.rpc.thrift.TUploadDataResp;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCLIService calls of one connection. Every call goes through {@link #call}, which turns a failure into an
 * error status with a SQLSTATE and a message for a person, and leaves the details to the log.
 */
final class CliCalls implements TCLIService.Iface {
    private static final Logger LOG = LoggerFactory.getLogger(CliCalls.class);
    private static final TProtocolVersion NEWEST_PROTOCOL = TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V11;
    private static final String FETCH_SIZE_KEY = "hive.server2.thrift.resultset.default.fetch.size";
    private static final int NAME_LENGTH = 128;
    /** FetchResults with fetchType 1 asks for the operation's log, which Lakegate does not keep (yet). */
    private static final short LOG_FETCH = 1;

    private final CliService service;
    private final ClientConnection connection;

    CliCalls(CliService service, ClientConnection connection) {
        this.service = service;
        this.connection = connection;
    }

    @Override
    public TOpenSessionResp OpenSession(TOpenSessionReq request) {
        return call("OpenSession", status -> new TOpenSessionResp(status, NEWEST_PROTOCOL), () -> {
            TProtocolVersion protocol = TProtocolVersion.findByValue(
                    Math.min(request.getClient_protocol().getValue(), NEWEST_PROTOCOL.getValue()));
            SessionSpec spec = SessionRequest.spec(request, connection, service.authentication());
            ServerSession session = service.openSession(spec, protocol, connection);
            LOG.info("Session {} opened for {}{} from {} (protocol {})", session.handle().guid(), spec.user(),
                    spec.actingAccount().map(account -> " by " + account).orElse(""), connection.remoteAddress(),
                    protocol);
            TOpenSessionResp response = new TOpenSessionResp(ok(), protocol);
            response.setSessionHandle(session.toThrift());
            response.setConfiguration(Map.of(FETCH_SIZE_KEY, String.valueOf(service.limits().fetchSize())));
            return response;
        });
    }

    @Override
    public TCloseSessionResp CloseSession(TCloseSessionReq request) {
        return call("CloseSession", TCloseSessionResp::new, () -> {
            service.session(request.getSessionHandle(), connection).close();
            return new TCloseSessionResp(ok());
        });
    }

    @Override
    public TGetInfoResp GetInfo(TGetInfoReq request) {
        // The value is a required field even when the call fails.
        return call("GetInfo", status -> new TGetInfoResp(status, TGetInfoValue.stringValue("")), () -> {
            ServerSession session = service.session(request.getSessionHandle(), connection);
            TGetInfoValue value = switch (request.getInfoType()) {
                case CLI_SERVER_NAME -> TGetInfoValue.stringValue(ServerInfo.SERVER_NAME);
                case CLI_DBMS_NAME -> TGetInfoValue.stringValue(ServerInfo.DBMS_NAME);
                case CLI_DBMS_VER -> TGetInfoValue.stringValue(service.info().sparkVersion());
                case CLI_ODBC_KEYWORDS -> TGetInfoValue.stringValue("");
                case CLI_USER_NAME -> TGetInfoValue.stringValue(session.user());
                case CLI_IDENTIFIER_QUOTE_CHAR -> TGetInfoValue.stringValue("`");
                case CLI_SEARCH_PATTERN_ESCAPE -> TGetInfoValue.stringValue("\\");
                case CLI_CATALOG_NAME -> TGetInfoValue.stringValue("Y");
                case CLI_DATA_SOURCE_READ_ONLY -> TGetInfoValue.stringValue("N");
                case CLI_MAX_COLUMN_NAME_LEN, CLI_MAX_SCHEMA_NAME_LEN, CLI_MAX_TABLE_NAME_LEN,
                        CLI_MAX_CATALOG_NAME_LEN, CLI_MAX_IDENTIFIER_LEN -> TGetInfoValue.lenValue(NAME_LENGTH);
                case CLI_TXN_CAPABLE -> TGetInfoValue.smallIntValue((short) 0);
                default -> throw new LakegateException(SqlStates.FEATURE_NOT_SUPPORTED,
                        "GetInfo type " + request.getInfoType() + " is not supported");
            };
            return new TGetInfoResp(ok(), value);
        });
    }

    @Override
    public TExecuteStatementResp ExecuteStatement(TExecuteStatementReq request) {
        return call("ExecuteStatement", TExecuteStatementResp::new, () -> {
            ServerSession session = service.session(request.getSessionHandle(), connection);
            ClientSettings.rejectStatementSettings(session, request.getConfOverlay());
            QueryOperation query = session.engineSession().submit(request.getStatement(), request.isRunAsync(),
                    Duration.ofSeconds(Math.max(0, request.getQueryTimeout())));
            StatementOperation operation = service.registered(
                    new StatementOperation(session, query, service.limits().fetchWait()));
            TExecuteStatementResp response = new TExecuteStatementResp(ok());
            response.setOperationHandle(operation.toThrift());
            return response;
        });
    }

    @Override
    public TGetOperationStatusResp GetOperationStatus(TGetOperationStatusReq request) {
        return call("GetOperationStatus", TGetOperationStatusResp::new, () -> {
            CliOperation operation = service.operation(request.getOperationHandle(), connection);
            Operation lifecycle = operation.lifecycle();
            OperationState state;
            try {
                state = lifecycle.awaitProgress(service.limits().statusWait());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                state = lifecycle.state();
            }
            TGetOperationStatusResp response = new TGetOperationStatusResp(ok());
            response.setOperationState(CliOperation.toThrift(state, operation.serverSession().protocol()));
            response.setOperationStarted(lifecycle.startedMillis());
            if (lifecycle.completedMillis() > 0) {
                response.setOperationCompleted(lifecycle.completedMillis());
            }
            if (state == OperationState.FINISHED) {
                response.setHasResultSet(operation.hasResultSet());
            }
            lifecycle.failure().ifPresent(failure -> {
                response.setSqlState(failure.sqlState());
                response.setErrorCode(0);
                response.setErrorMessage(failure.getMessage());
            });
            if (request.isGetProgressUpdate()) {
                operation.progress().ifPresent(response::setProgressUpdateResponse);
            }
            return response;
        });
    }

    @Override
    public TCancelOperationResp CancelOperation(TCancelOperationReq request) {
        return call("CancelOperation", TCancelOperationResp::new, () -> {
            service.operation(request.getOperationHandle(), connection).lifecycle().cancel();
            return new TCancelOperationResp(ok());
        });
    }

    @Override
    public TCloseOperationResp CloseOperation(TCloseOperationReq request) {
        return call("CloseOperation", TCloseOperationResp::new, () -> {
            service.operation(request.getOperationHandle(), connection).lifecycle().close();
            return new TCloseOperationResp(ok());
        });
    }

    @Override
    public TGetResultSetMetadataResp GetResultSetMetadata(TGetResultSetMetadataReq request) {
        return call("GetResultSetMetadata", TGetResultSetMetadataResp::new, () -> {
            List<Column> columns = service.operation(request.getOperationHandle(), connection).columns();
            TTableSchema schema = new TTableSchema(new ArrayList<>());
            for (int i = 0; i < columns.size(); i++) {
                schema.addToColumns(columns.get(i).toThrift(i + 1));
            }
            TGetResultSetMetadataResp response = new TGetResultSetMetadataResp(ok());
            response.setSchema(schema);
            return response;
        });
    }

    @Override
    public TFetchResultsResp FetchResults(TFetchResultsReq request) {
        return call("FetchResults", TFetchResultsResp::new, () -> {
            CliOperation operation = service.operation(request.getOperationHandle(), connection);
            TFetchResultsResp response = new TFetchResultsResp(ok());
            if (request.getFetchType() == LOG_FETCH) {
                response.setResults(new RowSetBuilder(List.of(Column.of("log", SparkType.Kind.STRING)), 0)
                        .build(operation.serverSession().protocol()));
                response.setHasMoreRows(false);
                return response;
            }
            int maxRows = (int) Math.max(0, Math.min(request.getMaxRows(), service.limits().maxFetchRows()));
            FetchedRows fetched = operation.fetch(request.getOrientation(),
                    new FetchBudget(maxRows, service.limits().maxFetchBytes()));
            response.setResults(fetched.rows());
            response.setHasMoreRows(fetched.hasMoreRows());
            return response;
        });
    }

    @Override
    public TGetTypeInfoResp GetTypeInfo(TGetTypeInfoReq request) {
        return call("GetTypeInfo", TGetTypeInfoResp::new, () -> {
            TGetTypeInfoResp response = new TGetTypeInfoResp(ok());
            response.setOperationHandle(listing(request.getSessionHandle(), TOperationType.GET_TYPE_INFO,
                    CatalogListings.typeInfo()));
            return response;
        });
    }

    @Override
    public TGetCatalogsResp GetCatalogs(TGetCatalogsReq request) {
        return call("GetCatalogs", TGetCatalogsResp::new, () -> {
            TGetCatalogsResp response = new TGetCatalogsResp(ok());
            response.setOperationHandle(listing(request.getSessionHandle(), TOperationType.GET_CATALOGS,
                    listings(request.getSessionHandle()).catalogs()));
            return response;
        });
    }

    @Override
    public TGetSchemasResp GetSchemas(TGetSchemasReq request) {
        return call("GetSchemas", TGetSchemasResp::new, () -> {
            TGetSchemasResp response = new TGetSchemasResp(ok());
            response.setOperationHandle(listing(request.getSessionHandle(), TOperationType.GET_SCHEMAS,
                    listings(request.getSessionHandle()).schemas(request.getCatalogName(), request.getSchemaName())));
            return response;
        });
    }

    @Override
    public TGetTablesResp GetTables(TGetTablesReq request) {
        return call("GetTables", TGetTablesResp::new, () -> {
            TGetTablesResp response = new TGetTablesResp(ok());
            response.setOperationHandle(listing(request.getSessionHandle(), TOperationType.GET_TABLES,
                    listings(request.getSessionHandle()).tables(request.getCatalogName(), request.getSchemaName(),
                            request.getTableName(), request.getTableTypes())));
            return response;
        });
    }

    @Override
    public TGetTableTypesResp GetTableTypes(TGetTableTypesReq request) {
        return call("GetTableTypes", TGetTableTypesResp::new, () -> {
            TGetTableTypesResp response = new TGetTableTypesResp(ok());
            response.setOperationHandle(listing(request.getSessionHandle(), TOperationType.GET_TABLE_TYPES,
                    listings(request.getSessionHandle()).tableTypes()));
            return response;
        });
    }

    @Override
    public TGetColumnsResp GetColumns(TGetColumnsReq request) {
        return call("GetColumns", TGetColumnsResp::new, () -> {
            TGetColumnsResp response = new TGetColumnsResp(ok());
            response.setOperationHandle(listing(request.getSessionHandle(), TOperationType.GET_COLUMNS,
                    listings(request.getSessionHandle()).columns(request.getCatalogName(), request.getSchemaName(),
                            request.getTableName(), request.getColumnName())));
            return response;
        });
    }

    @Override
    public TGetFunctionsResp GetFunctions(TGetFunctionsReq request) {
        return call("GetFunctions", TGetFunctionsResp::new, () -> {
            TGetFunctionsResp response = new TGetFunctionsResp(ok());
            response.setOperationHandle(listing(request.getSessionHandle(), TOperationType.GET_FUNCTIONS,
                    listings(request.getSessionHandle()).functions()));
            return response;
        });
    }

    @Override
    public TGetPrimaryKeysResp GetPrimaryKeys(TGetPrimaryKeysReq request) {
        return call("GetPrimaryKeys", TGetPrimaryKeysResp::new, () -> {
            TGetPrimaryKeysResp response = new TGetPrimaryKeysResp(ok());
            response.setOperationHandle(listing(request.getSessionHandle(), TOperationType.UNKNOWN,
                    listings(request.getSessionHandle()).primaryKeys()));
            return response;
        });
    }

    @Override
    public TGetCrossReferenceResp GetCrossReference(TGetCrossReferenceReq request) {
        return call("GetCrossReference", TGetCrossReferenceResp::new, () -> {
            TGetCrossReferenceResp response = new TGetCrossReferenceResp(ok());
            response.setOperationHandle(listing(request.getSessionHandle(), TOperationType.UNKNOWN,
                    listings(request.getSessionHandle()).crossReference()));
            return response;
        });
    }

    /** Listings show a session only what its user may see. */
    private CatalogListings listings(TSessionHandle handle) {
        return new CatalogListings(service.session(handle, connection).engineSession().catalog());
    }

    private TOperationHandle listing(TSessionHandle handle, TOperationType type,
            CatalogListings.Listing listing) {
        ServerSession session = service.session(handle, connection);
        return service.registered(service.lifecycle().register(new ListingOperation(session, type, listing)))
                .toThrift();
    }

    @Override
    public TGetQueryIdResp GetQueryId(TGetQueryIdReq request) throws TException {
        // The response has no status field: a failure can only travel as a Thrift exception.
        try {
            return new TGetQueryIdResp(service.operation(request.getOperationHandle(), connection).handle().guid().toString());
        } catch (LakegateException e) {
            throw new TApplicationException(TApplicationException.INTERNAL_ERROR, e.getMessage());
        }
    }

    @Override
    public TSetClientInfoResp SetClientInfo(TSetClientInfoReq request) {
        return call("SetClientInfo", TSetClientInfoResp::new, () -> {
            service.session(request.getSessionHandle(), connection)
                    .clientInfo(request.getConfiguration() == null ? Map.of() : request.getConfiguration());
            return new TSetClientInfoResp(ok());
        });
    }

    @Override
    public TGetDelegationTokenResp GetDelegationToken(TGetDelegationTokenReq request) {
        return call("GetDelegationToken", TGetDelegationTokenResp::new, CliCalls::noDelegationTokens);
    }

    @Override
    public TCancelDelegationTokenResp CancelDelegationToken(TCancelDelegationTokenReq request) {
        return call("CancelDelegationToken", TCancelDelegationTokenResp::new, CliCalls::noDelegationTokens);
    }

    @Override
    public TRenewDelegationTokenResp RenewDelegationToken(TRenewDelegationTokenReq request) {
        return call("RenewDelegationToken", TRenewDelegationTokenResp::new, CliCalls::noDelegationTokens);
    }

    @Override
    public TUploadDataResp UploadData(TUploadDataReq request) {
        return call("UploadData", status -> new TUploadDataResp(status, unusableHandle()), () -> {
            throw new LakegateException(SqlStates.FEATURE_NOT_SUPPORTED, "UploadData is not supported");
        });
    }

    @Override
    public TDownloadDataResp DownloadData(TDownloadDataReq request) {
        return call("DownloadData", status -> new TDownloadDataResp(status, unusableHandle()), () -> {
            throw new LakegateException(SqlStates.FEATURE_NOT_SUPPORTED, "DownloadData is not supported");
        });
    }

    /** A handle no operation has, for failed responses whose handle field is required. */
    private static TOperationHandle unusableHandle() {
        return new TOperationHandle(Handle.random().toThrift(), TOperationType.UNKNOWN, false);
    }

    private static <R> R noDelegationTokens() {
        throw new LakegateException(SqlStates.FEATURE_NOT_SUPPORTED,
                "Delegation tokens are not supported: Lakegate does not use Kerberos");
    }

    /**
     * Runs a call; a failure becomes the response's error status. Only {@link Exception}s are caught: an error such
     * as running out of memory must not be reported as a failed call and carry on.
     */
    private <R> R call(String name, Function<TStatus, R> failed, Supplier<R> body) {
        long start = System.nanoTime();
        try {
            return body.get();
        } catch (LakegateException e) {
            LOG.info("{} from {} failed: {} (SQLSTATE {})", name, connection.remoteAddress(), e.getMessage(),
                    e.sqlState());
            return failed.apply(error(e.sqlState(), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("{} from {} failed inside the server", name, connection.remoteAddress(), e);
            return failed.apply(error(SqlStates.INTERNAL_ERROR,
                    name + " failed inside the server; the server log has the details"));
        } finally {
            CallTimings.record(name, System.nanoTime() - start);
        }
    }

    private static TStatus ok() {
        return new TStatus(TStatusCode.SUCCESS_STATUS);
    }

    private static TStatus error(String sqlState, String message) {
        TStatus status = new TStatus(TStatusCode.ERROR_STATUS);
        status.setSqlState(sqlState);
        status.setErrorCode(0);
        status.setErrorMessage(message);
        return status;
    }
}
