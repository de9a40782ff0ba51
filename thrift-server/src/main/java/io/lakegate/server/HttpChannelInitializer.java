package io.lakegate.server;

import io.lakegate.server.cli.CliService;
import io.lakegate.server.cli.ClientConnection;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.Executor;

/**
 * The HTTP transport's pipeline. The aggregator refuses a body beyond the frame limit (413) before it holds it, and
 * closes the connection; the handler then sees whole requests, and answers them one at a time, in order.
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
        channel.pipeline()
                .addLast("http", new HttpServerCodec())
                .addLast("aggregator", new ClosingAggregator(maxFrameBytes))
                .addLast("calls", calls);
    }

    /**
     * Netty's aggregator keeps a connection open after refusing a body, and skips the rest of the body as it comes;
     * while the handler answers an earlier request the channel does not read, so the skip could stall. The refusal
     * closes the connection instead, as for a binary frame beyond the limit.
     */
    private static final class ClosingAggregator extends HttpObjectAggregator {
        ClosingAggregator(int maxContentLength) {
            super(maxContentLength, true);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            FullHttpResponse refused = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.EMPTY_BUFFER);
            HttpUtil.setContentLength(refused, 0);
            HttpUtil.setKeepAlive(refused, false);
            ctx.writeAndFlush(refused).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
