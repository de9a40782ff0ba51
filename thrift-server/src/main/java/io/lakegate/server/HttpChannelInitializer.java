package io.lakegate.server;

import io.lakegate.server.auth.Authentication;
import io.lakegate.server.cli.CliService;
import io.lakegate.server.cli.ClientConnection;
import io.lakegate.server.tls.ServerTls;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP transport's pipeline. The aggregator refuses a body beyond the request limit (413) before it holds it, and
 * closes the connection; the guard refuses requests that are not HTTP or not Thrift; the handler then sees whole
 * requests and answers them one at a time, in order, and the processor checks each call before the service sees it.
 */
final class HttpChannelInitializer extends ChannelInitializer<Channel> {
    private final TransportLimits limits;
    private final ConnectionLimits connections;
    private final String path;
    private final HttpAuthTokens tokens;
    private final Authentication authentication;
    private final CliService service;
    private final Executor workers;
    private final Optional<ServerTls> tls;

    HttpChannelInitializer(TransportLimits limits, String path, HttpAuthTokens tokens, Authentication authentication,
            CliService service, Executor workers, Optional<ServerTls> tls) {
        this.limits = limits;
        this.connections = new ConnectionLimits("HTTP", limits);
        this.path = path;
        this.tokens = tokens;
        this.authentication = authentication;
        this.service = service;
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
        tls.ifPresent(server -> TlsHandshake.addTo(channel, server, limits.handshakeTimeout(),
                connection.remoteAddress()));
        CheckedProcessor processor = new CheckedProcessor(service.processor(connection), connection.remoteAddress(),
                limits.maxRequestBytes());
        configure(channel, limits, connection.remoteAddress(),
                new HttpCliHandler(path, tokens, authentication, processor, connection, workers));
    }

    static void configure(Channel channel, TransportLimits limits, String remoteAddress, HttpCliHandler calls) {
        channel.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, limits.idleTimeout().toNanos(), TimeUnit.NANOSECONDS))
                .addLast("http", new HttpServerCodec())
                .addLast("read-deadline", new HttpReadDeadline(limits, remoteAddress))
                .addLast("aggregator", new ClosingAggregator(limits.maxRequestBytes()))
                .addLast("guard", new HttpRequestGuard(remoteAddress))
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
