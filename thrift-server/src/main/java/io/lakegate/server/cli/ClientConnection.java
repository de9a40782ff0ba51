package io.lakegate.server.cli;

import static java.util.Objects.requireNonNull;

import io.lakegate.server.auth.Identity;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
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
    private final String host;
    private final Map<ServerSession, SessionGrant> sessions = new ConcurrentHashMap<>();
    private volatile Identity identity;
    private volatile SessionGrant grant = SessionGrant.NONE;

    /**
     * @param remoteAddress the client's address and port, as the log shows it
     * @param host the client's address alone, which failed logins and the policies' address conditions go by
     */
    public ClientConnection(String remoteAddress, String host) {
        this.remoteAddress = requireNonNull(remoteAddress, "remoteAddress is null");
        this.host = requireNonNull(host, "host is null");
    }

    /** A connection of a client whose address is known only as text (in tests). */
    public ClientConnection(String remoteAddress) {
        this(remoteAddress, remoteAddress);
    }

    /** The connection a Netty channel carries. */
    public static ClientConnection of(SocketAddress address) {
        String host = address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(address);
        return new ClientConnection(String.valueOf(address), host);
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public String host() {
        return host;
    }

    /** The transport authenticated the client (SASL); sessions act for this identity. */
    public void authenticated(Identity identity) {
        authenticated(identity, SessionGrant.NONE);
    }

    /** The transport authenticated the calls that follow, under a grant that the sessions they open end. */
    public void authenticated(Identity identity, SessionGrant grant) {
        this.grant = requireNonNull(grant, "grant is null");
        this.identity = requireNonNull(identity, "identity is null");
    }

    /** Whom the transport authenticated, if it authenticates at all (NOSASL does not). */
    public Optional<Identity> identity() {
        return Optional.ofNullable(identity);
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
