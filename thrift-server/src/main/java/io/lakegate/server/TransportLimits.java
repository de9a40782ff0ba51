package io.lakegate.server;

import java.time.Duration;

/**
 * What one client connection may ask of the server before it is refused or closed.
 *
 * @param maxRequestBytes the largest Thrift call (or HTTP body) a client may send; answers are not bound by it
 * @param handshakeTimeout how long a new binary connection may take to send its first byte and, with SASL, to
 *     finish authenticating
 * @param readTimeout how long a client may take to send the rest of a call it has begun
 * @param idleTimeout how long a connection may stay silent, with no call running, before it is closed
 * @param maxConnections connections one transport accepts at once
 * @param maxConnectionsPerAddress connections one transport accepts at once from one client address
 */
record TransportLimits(int maxRequestBytes, Duration handshakeTimeout, Duration readTimeout, Duration idleTimeout,
        int maxConnections, int maxConnectionsPerAddress) {}
