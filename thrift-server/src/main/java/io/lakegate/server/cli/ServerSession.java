package io.lakegate.server.cli;

import io.lakegate.engine.Session;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A HiveServer2 session: an engine session, the protocol version agreed on, and the operations it holds open. */
final class ServerSession {
    private static final Logger LOG = LoggerFactory.getLogger(ServerSession.class);

    private final Handle handle = Handle.random();
    private final Session engineSession;
    private final TProtocolVersion protocol;
    private final ClientConnection connection;
    private final CliService service;
    private final Set<Operation> operations = ConcurrentHashMap.newKeySet();
    private volatile long lastUsedNanos = System.nanoTime();

    ServerSession(Session engineSession, TProtocolVersion protocol, ClientConnection connection, CliService service) {
        this.engineSession = engineSession;
        this.protocol = protocol;
        this.connection = connection;
        this.service = service;
    }

    Handle handle() {
        return handle;
    }

    TSessionHandle toThrift() {
        return new TSessionHandle(handle.toThrift());
    }

    Session engineSession() {
        return engineSession;
    }

    TProtocolVersion protocol() {
        return protocol;
    }

    /** A call used the session: its idle time starts again. */
    void used() {
        lastUsedNanos = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    String user() {
        return engineSession.user();
    }

    <T extends Operation> T add(T operation) {
        operations.add(operation);
        service.registered(operation);
        return operation;
    }

    /** Runs work that may wait for the cluster (stopping, releasing) off the caller's thread. */
    void inBackground(Runnable work) {
        service.inBackground(work);
    }

    void forget(Operation operation) {
        operations.remove(operation);
        service.forgotten(operation);
    }

    /** Clients name themselves (application, version) for the server's log; values may be personal, keys are not. */
    void clientInfo(Map<String, String> info) {
        LOG.debug("Session {} client info: {}", handle.guid(), info.keySet());
    }

    /** Closes the operations, then the engine session; calling it again does nothing. */
    void close() {
        if (!service.closed(this)) {
            return;
        }
        List.copyOf(operations).forEach(Operation::close);
        engineSession.close();
        connection.closed(this);
        LOG.info("Session {} of {} from {} closed", handle.guid(), user(), connection.remoteAddress());
    }
}
