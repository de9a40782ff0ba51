package io.lakegate.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

/** Between the HTTP decoder and the aggregator: a request's body must arrive within the read timeout. */
final class HttpReadDeadline extends ChannelInboundHandlerAdapter {
    private final RequestDeadline deadline;

    HttpReadDeadline(TransportLimits limits, String remoteAddress) {
        this.deadline = new RequestDeadline(limits.readTimeout(), remoteAddress);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            deadline.begin(ctx);
        }
        if (msg instanceof LastHttpContent) {
            deadline.end();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        deadline.end();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        deadline.end();
        ctx.fireChannelInactive();
    }
}
