package io.lakegate.server.cli;

/**
 * What a transport let a client in with, when it must end with the sessions opened under it: the HTTP transport's
 * cookie ends when the last of its sessions closes, however that happens (CloseSession, idle timeout, shutdown).
 */
public interface SessionGrant {
    /** For transports whose authentication ends with the connection itself. */
    SessionGrant NONE = new SessionGrant() {
        @Override
        public void sessionOpened() {}

        @Override
        public void sessionClosed() {}
    };

    /** A session was opened under the grant. */
    void sessionOpened();

    /** A session opened under the grant closed. */
    void sessionClosed();
}
