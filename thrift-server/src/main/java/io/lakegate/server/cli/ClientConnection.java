package io.lakegate.server.cli;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client connection as the handler sees it: who the transport authenticated, and the sessions opened through it,
 * which close when the client goes away, each with the grant it was opened under.
 */
public final class ClientConnection {
    private final String remoteAddress;
    private final Map<ServerSession, SessionGrant> sessions = new ConcurrentHashMap<>();
    private volatile String authenticatedUser;
    private volatile SessionGrant grant = SessionGrant.NONE;

    public ClientConnection(String remoteAddress) {
        this.remoteAddress = requireNonNull(remoteAddress, "remoteAddress is null");
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    /** The transport authenticated the client as this user (SASL); sessions act for it. */
    public void authenticated(String user) {
        authenticated(user, SessionGrant.NONE);
    }

    /** The transport authenticated the calls that follow as this user, under a grant that sessions they open end. */
    public void authenticated(String user, SessionGrant grant) {
        this.grant = requireNonNull(grant, "grant is null");
        authenticatedUser = requireNonNull(user, "user is null");
    }

    /** The user the transport authenticated, if it authenticates at all (NOSASL does not). */
    public Optional<String> authenticatedUser() {
        return Optional.ofNullable(authenticatedUser);
    }

    /** The client is gone: its sessions close, which cancels their statements. */
    public void disconnected() {
        List.copyOf(sessions.keySet()).forEach(ServerSession::close);
    }

    void opened(ServerSession session) {
        SessionGrant openedUnder = grant;
        sessions.put(session, openedUnder);
        openedUnder.sessionOpened();
    }

    void closed(ServerSession session) {
        SessionGrant openedUnder = sessions.remove(session);
        if (openedUnder != null) {
            openedUnder.sessionClosed();
        }
    }
}
