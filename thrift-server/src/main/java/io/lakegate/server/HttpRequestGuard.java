package io.lakegate.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In front of the HTTP call handler: a request the HTTP decoder could not make sense of, or one with a URI that does
 * not decode, gets 400 and the connection closes, with one short log line; the handler only sees requests it can
 * route (a body that is no Thrift call is the checked processor's to refuse, once the caller is known). Also closes a connection idle for the idle timeout, unless it waits for an answer
 * (reading stops while a call runs).
 */
final class HttpRequestGuard extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRequestGuard.class);

    private final String remoteAddress;

    HttpRequestGuard(String remoteAddress) {
        this.remoteAddress = remoteAddress;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Optional<String> problem = problem(request);
        if (problem.isEmpty()) {
            ctx.fireChannelRead(msg);
            return;
        }
        request.release();
        ClientFaults.log(LOG, "Closing HTTP connection from {}: {}", remoteAddress, problem.get());
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                Unpooled.copiedBuffer("Bad request: " + problem.get(), StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, false);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private static Optional<String> problem(FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            return Optional.of("malformed HTTP request (" + ClientFaults.quote(String.valueOf(cause.getMessage()))
                    + ")");
        }
        try {
            new QueryStringDecoder(request.uri()).path();
        } catch (IllegalArgumentException e) {
            return Optional.of("malformed URI (" + ClientFaults.quote(String.valueOf(e.getMessage())) + ")");
        }
        return Optional.empty();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(event);
        } else if (ctx.channel().config().isAutoRead()) {
            LOG.debug("Closing idle HTTP connection from {}", remoteAddress);
            ctx.close();
        }
    }
}
