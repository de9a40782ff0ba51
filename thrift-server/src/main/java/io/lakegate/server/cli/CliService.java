package io.lakegate.server.cli;

import static java.util.Objects.requireNonNull;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.Engine;
import io.lakegate.engine.Session;
import io.lakegate.engine.SessionSpec;
import io.lakegate.server.auth.Authentication;
import io.lakegate.engine.operation.OperationManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TOperationHandle;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.apache.thrift.TProcessor;

/**
 * The TCLIService handler over an engine: the handles of every connection's sessions and operations. Their lifecycle
 * (limits, statement threads, timeouts, the reaper of what is left unused) is the engine's {@link OperationManager};
 * this service only translates the protocol. Transports get a {@link TProcessor} per connection from
 * {@link #processor}.
 */
public final class CliService implements AutoCloseable {
    private final Engine engine;
    private final CliLimits limits;
    private final Authentication authentication;
    private final ServerInfo info = ServerInfo.fromBuild();
    private final Map<Handle, ServerSession> sessions = new ConcurrentHashMap<>();
    private final Map<Handle, CliOperation> operations = new ConcurrentHashMap<>();

    public CliService(Engine engine, CliLimits limits, Authentication authentication) {
        this.engine = requireNonNull(engine, "engine is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.authentication = requireNonNull(authentication, "authentication is null");
    }

    /** The Thrift processor that answers one connection's calls. */
    public TProcessor processor(ClientConnection connection) {
        return new TCLIService.Processor<>(new CliCalls(this, requireNonNull(connection, "connection is null")));
    }

    /** Closes every session, which cancels their statements. */
    @Override
    public void close() {
        List.copyOf(sessions.values()).forEach(ServerSession::close);
    }

    ServerInfo info() {
        return info;
    }

    CliLimits limits() {
        return limits;
    }

    Authentication authentication() {
        return authentication;
    }

    OperationManager lifecycle() {
        return engine.operations();
    }

    ServerSession openSession(SessionSpec spec, TProtocolVersion protocol, ClientConnection connection) {
        Session engineSession = engine.openSession(spec);
        ServerSession session = new ServerSession(engineSession, protocol, connection, this);
        sessions.put(session.handle(), session);
        connection.opened(session);
        // The engine closes idle sessions itself; the handle must go with it.
        engineSession.whenClosed(session::close);
        return session;
    }

    /**
     * The session a handle names, for a caller who may use it: HTTP sessions outlive connections, so a handle can come
     * back on any connection, but only from the account that opened the session. Anyone else is told it does not
     * exist, as if they had guessed.
     */
    ServerSession session(TSessionHandle handle, ClientConnection caller) {
        ServerSession session = handle == null ? null
                : sessions.get(Handle.of(handle.getSessionId(), "session"));
        if (session == null || !session.mayBeUsedBy(caller)) {
            throw new LakegateException(SqlStates.INVALID_HANDLE, "Invalid session handle: the session does not "
                    + "exist or was closed");
        }
        session.engineSession().used();
        return session;
    }

    /** The operation a handle names, for a caller who may use its session. */
    CliOperation operation(TOperationHandle handle, ClientConnection caller) {
        CliOperation operation = handle == null ? null
                : operations.get(Handle.of(handle.getOperationId(), "operation"));
        if (operation == null || !operation.serverSession().mayBeUsedBy(caller)) {
            throw new LakegateException(SqlStates.INVALID_HANDLE, "Invalid operation handle: the operation does not "
                    + "exist or was closed");
        }
        operation.lifecycle().used();
        return operation;
    }

    /** Removes a closing session; false when it was already gone, so that it closes once. */
    boolean closed(ServerSession session) {
        return sessions.remove(session.handle(), session);
    }

    /** Gives the operation its handle, until the engine closes it (the client, its session or the reaper). */
    <T extends CliOperation> T registered(T operation) {
        operations.put(operation.handle(), operation);
        operation.lifecycle().whenClosed(() -> operations.remove(operation.handle(), operation));
        return operation;
    }
}
