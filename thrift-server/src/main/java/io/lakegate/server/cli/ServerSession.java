package io.lakegate.server.cli;

import io.lakegate.engine.Session;
import io.lakegate.server.auth.Identity;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A HiveServer2 session: an engine session, whose id its handle carries, and the protocol version agreed on. The
 * engine owns its lifecycle; when the engine closes it (idle, or the engine stops), the handle goes too.
 */
final class ServerSession {
    private static final Logger LOG = LoggerFactory.getLogger(ServerSession.class);

    private final Handle handle;
    private final Session engineSession;
    private final TProtocolVersion protocol;
    private final ClientConnection connection;
    private final CliService service;
    /** The account the transport authenticated when the session opened; none for NOSASL, which proves nobody. */
    private final Optional<String> account;

    ServerSession(Session engineSession, TProtocolVersion protocol, ClientConnection connection, CliService service) {
        this.handle = Handle.forId(UUID.fromString(engineSession.id()));
        this.engineSession = engineSession;
        this.protocol = protocol;
        this.connection = connection;
        this.service = service;
        this.account = connection.identity().map(Identity::user);
    }

    /** Whether the calls of that connection may use the session: they come from the account that opened it. */
    boolean mayBeUsedBy(ClientConnection caller) {
        return account.isEmpty() || account.equals(caller.identity().map(Identity::user));
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

    String user() {
        return engineSession.user();
    }

    /** Clients name themselves (application, version) for the server's log; values may be personal, keys are not. */
    void clientInfo(Map<String, String> info) {
        LOG.debug("Session {} client info: {}", handle.guid(), info.keySet());
    }

    /** Closes the engine session, which closes its operations; calling it again does nothing. */
    void close() {
        if (!service.closed(this)) {
            return;
        }
        engineSession.close();
        connection.closed(this);
        LOG.info("Session {} of {} from {} closed", handle.guid(), user(), connection.remoteAddress());
    }
}
