package io.lakegate.server;

import io.lakegate.server.cli.CliService;
import io.lakegate.server.cli.ClientConnection;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import java.util.concurrent.Executor;

/**
 * The HTTP transport's pipeline. The aggregator refuses a body beyond the frame limit (413) before it holds it; the
 * handler then sees whole requests. The channel reads only when the handler asks, and the flow control handler hands
 * on one request per ask even when one read brought several, so that pipelined requests wait for their turn.
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
        configure(channel, maxFrameBytes, new HttpCliHandler(path, tokens, service.processor(connection), connection,
                workers));
    }

    static void configure(Channel channel, int maxFrameBytes, HttpCliHandler calls) {
        channel.config().setAutoRead(false);
        channel.pipeline()
                .addLast("http", new HttpServerCodec())
                .addLast("aggregator", new HttpObjectAggregator(maxFrameBytes))
                .addLast("one-at-a-time", new FlowControlHandler())
                .addLast("calls", calls);
    }
}
