package io.lakegate.server.tls;

import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/** A TLS handshake between a client engine and the server's, in memory: what a connection would do, without one. */
final class Handshakes {
    private static final int MAX_STEPS = 200;

    private Handshakes() {}

    /**
     * The client's session once both sides finished; an {@link SSLException} when either refuses the other.
     *
     * @param protocols the versions the client offers
     */
    static SSLSession handshake(SSLContext client, ServerTls server, String... protocols) throws SSLException {
        SSLEngine clientEngine = client.createSSLEngine("localhost", 443);
        clientEngine.setUseClientMode(true);
        if (protocols.length > 0) {
            clientEngine.setEnabledProtocols(protocols);
        }
        SSLEngine serverEngine = server.newHandler(ByteBufAllocator.DEFAULT, Duration.ZERO).engine();
        ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
        ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
        clientEngine.beginHandshake();
        serverEngine.beginHandshake();
        for (int step = 0; step < MAX_STEPS; step++) {
            if (finished(clientEngine) && finished(serverEngine)) {
                return clientEngine.getSession();
            }
            step(clientEngine, toClient, toServer);
            step(serverEngine, toServer, toClient);
        }
        throw new AssertionError("The handshake did not finish in " + MAX_STEPS + " steps");
    }

    private static boolean finished(SSLEngine engine) {
        return engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
                || engine.getHandshakeStatus() == HandshakeStatus.FINISHED;
    }

    /** Lets the engine read what the peer sent and write what it has to send, as far as it can without the peer. */
    private static void step(SSLEngine engine, ByteBuffer in, ByteBuffer out) throws SSLException {
        ByteBuffer application = ByteBuffer.allocate(1 << 17);
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                }
                case NEED_WRAP -> engine.wrap(ByteBuffer.allocate(0), out);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    in.flip();
                    int before = in.remaining();
                    try {
                        engine.unwrap(in, application);
                    } finally {
                        in.compact();
                    }
                    if (in.position() == before && engine.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
                        return;
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }
}
