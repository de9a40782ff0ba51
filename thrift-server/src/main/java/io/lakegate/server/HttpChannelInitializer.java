package io.lakegate.server;

import io.lakegate.server.cli.CliService;
import io.lakegate.server.cli.ClientConnection;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.concurrent.Executor;

/**
 * The HTTP transport's pipeline. The aggregator refuses a body beyond the frame limit (413) before it holds it; the
 * handler then sees whole requests.
 */
final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final int maxFrameBytes;
    private final String path;
    private final HttpAuthTokens tokens;
    private final CliService service;
    private final Executor workers;

    HttpChannelInitializer(int maxFrameBytes, String path, HttpAuthTokens tokens, CliService service,
            Executor workers) {
        this.maxFrameBytes = maxFrameBytes;
        this.path = path;
        this.tokens = tokens;
        this.service = service;
        this.workers = workers;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ClientConnection connection = new ClientConnection(String.valueOf(channel.remoteAddress()));
        channel.pipeline()
                .addLast("http", new HttpServerCodec())
                .addLast("aggregator", new HttpObjectAggregator(maxFrameBytes))
                .addLast("calls", new HttpCliHandler(path, tokens, service.processor(connection), connection,
                        workers));
    }
}
