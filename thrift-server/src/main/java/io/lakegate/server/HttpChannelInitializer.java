package io.lakegate.server;

import io.lakegate.server.cli.CliService;
import io.lakegate.server.cli.ClientConnection;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP transport's pipeline. The aggregator refuses a body beyond the request limit (413) before it holds it; the
 * guard refuses requests that are not HTTP or not Thrift; the handler then sees whole requests, and the processor
 * checks each call before the service sees it.
 */
final class HttpChannelInitializer extends ChannelInitializer<Channel> {
    private final TransportLimits limits;
    private final ConnectionLimits connections;
    private final String path;
    private final HttpAuthTokens tokens;
    private final CliService service;
    private final Executor workers;

    HttpChannelInitializer(TransportLimits limits, String path, HttpAuthTokens tokens, CliService service,
            Executor workers) {
        this.limits = limits;
        this.connections = new ConnectionLimits("HTTP", limits);
        this.path = path;
        this.tokens = tokens;
        this.service = service;
        this.workers = workers;
    }

    @Override
    protected void initChannel(Channel channel) {
        if (!connections.admit(channel)) {
            channel.close();
            return;
        }
        ClientConnection connection = new ClientConnection(String.valueOf(channel.remoteAddress()));
        channel.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, limits.idleTimeout().toNanos(), TimeUnit.NANOSECONDS))
                .addLast("http", new HttpServerCodec())
                .addLast("read-deadline", new HttpReadDeadline(limits, connection.remoteAddress()))
                .addLast("aggregator", new HttpObjectAggregator(limits.maxRequestBytes()))
                .addLast("guard", new HttpRequestGuard(connection.remoteAddress()))
                .addLast("calls", new HttpCliHandler(path, tokens, new CheckedProcessor(
                        service.processor(connection), connection.remoteAddress(), limits.maxRequestBytes()),
                        connection, workers));
    }
}
