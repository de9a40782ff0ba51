package io.lakegate.server;

import io.lakegate.server.auth.Authentication;
import io.lakegate.server.cli.CliService;
import io.lakegate.server.cli.ClientConnection;
import io.lakegate.server.tls.ServerTls;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The binary transport's pipeline. It starts (after TLS, when on) with a detector that tells SASL from NOSASL by the
 * first byte and puts the matching framing in its place; the call handler stays last and sees whole Thrift messages
 * either way, each checked before the service sees it.
 */
final class BinaryChannelInitializer extends ChannelInitializer<Channel> {
    static final String DETECTOR = "detector";
    static final String CALLS = "calls";

    private final TransportLimits limits;
    private final ConnectionLimits connections;
    private final CliService service;
    private final Authentication authentication;
    private final Executor workers;
    private final Optional<ServerTls> tls;

    BinaryChannelInitializer(TransportLimits limits, CliService service, Authentication authentication,
            Executor workers, Optional<ServerTls> tls) {
        this.limits = limits;
        this.connections = new ConnectionLimits("binary", limits);
        this.service = service;
        this.authentication = authentication;
        this.workers = workers;
        this.tls = tls;
    }

    @Override
    protected void initChannel(Channel channel) {
        if (!connections.admit(channel)) {
            channel.close();
            return;
        }
        ClientConnection connection = ClientConnection.of(channel.remoteAddress());
        // The detector's deadline starts at connect, so the TLS handshake counts against it.
        tls.ifPresent(server -> TlsHandshake.addTo(channel, server, Duration.ZERO, connection.remoteAddress()));
        channel.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, limits.idleTimeout().toNanos(), TimeUnit.NANOSECONDS))
                .addLast(DETECTOR, new TransportDetector(limits, connection, authentication, workers))
                .addLast(CALLS, new ThriftCallHandler(new CheckedProcessor(service.processor(connection),
                        connection.remoteAddress(), limits.maxRequestBytes()), connection, workers,
                        limits.idleTimeout()));
    }
}
