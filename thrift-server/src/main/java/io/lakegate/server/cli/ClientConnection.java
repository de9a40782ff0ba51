package io.lakegate.server.cli;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client connection as the handler sees it: who the transport authenticated, and the sessions opened through it,
 * which close when the client goes away.
 */
public final class ClientConnection {
    private final String remoteAddress;
    private final Set<ServerSession> sessions = ConcurrentHashMap.newKeySet();
    private volatile String authenticatedUser;

    public ClientConnection(String remoteAddress) {
        this.remoteAddress = requireNonNull(remoteAddress, "remoteAddress is null");
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    /** The transport authenticated the client as this user (SASL); sessions act for it. */
    public void authenticated(String user) {
        authenticatedUser = requireNonNull(user, "user is null");
    }

    /** The user the transport authenticated, if it authenticates at all (NOSASL does not). */
    public Optional<String> authenticatedUser() {
        return Optional.ofNullable(authenticatedUser);
    }

    /** The client is gone: its sessions close, which cancels their statements. */
    public void disconnected() {
        List.copyOf(sessions).forEach(ServerSession::close);
    }

    void opened(ServerSession session) {
        sessions.add(session);
    }

    void closed(ServerSession session) {
        sessions.remove(session);
    }
}
