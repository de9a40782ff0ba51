package io.lakegate.server;

import io.lakegate.server.cli.ClientConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the Thrift messages of one connection, one at a time and in order, on the worker pool: a call may wait on
 * the catalog or a cluster and must not hold a network thread. While a call runs the connection stops reading, so a
 * client cannot queue unbounded work. The framing before this handler decides how an answer is framed.
 */
final class ThriftCallHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger LOG = LoggerFactory.getLogger(ThriftCallHandler.class);

    private final TProcessor processor;
    private final ClientConnection connection;
    private final Executor workers;
    private final Duration idleTimeout;
    /** Touched only on the connection's event loop. */
    private final Queue<byte[]> pending = new ArrayDeque<>();
    private boolean busy;

    ThriftCallHandler(TProcessor processor, ClientConnection connection, Executor workers, Duration idleTimeout) {
        this.processor = processor;
        this.connection = connection;
        this.workers = workers;
        this.idleTimeout = idleTimeout;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf message) {
        pending.add(ByteBufUtil.getBytes(message));
        ctx.channel().config().setAutoRead(false);
        runNext(ctx);
    }

    private void runNext(ChannelHandlerContext ctx) {
        if (busy) {
            return;
        }
        byte[] request = pending.poll();
        if (request == null) {
            ctx.channel().config().setAutoRead(true);
            return;
        }
        busy = true;
        try {
            workers.execute(() -> answer(ctx, request));
        } catch (RejectedExecutionException e) {
            LOG.info("Closing connection from {}: the server is stopping", connection.remoteAddress());
            ctx.close();
        }
    }

    private void answer(ChannelHandlerContext ctx, byte[] request) {
        ByteBuf answer = null;
        try {
            answer = ThriftMessages.answer(processor, request);
        } catch (TException e) {
            ClientFaults.log(LOG, "Closing connection from {}: cannot process a Thrift call: {}",
                    connection.remoteAddress(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Closing connection from {}: a Thrift call failed inside the server", connection.remoteAddress(),
                    e);
        } finally {
            // Also when an Error escapes: a client left without an answer would wait forever.
            if (answer == null) {
                ctx.close();
            }
        }
        if (answer != null) {
            ctx.writeAndFlush(answer).addListener(written -> {
                busy = false;
                if (written.isSuccess()) {
                    runNext(ctx);
                }
            });
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pending.clear();
        // Closing sessions cancels their statements, which may wait on a cluster: not on the event loop.
        try {
            workers.execute(connection::disconnected);
        } catch (RejectedExecutionException e) {
            connection.disconnected();
        }
        ctx.fireChannelInactive();
    }

    /** A connection silent for the idle timeout is closed, unless it waits for the answer to a call. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            if (!busy) {
                ClientFaults.log(LOG, "Closing connection from {}: idle for {}", connection.remoteAddress(),
                        idleTimeout);
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!ctx.channel().isOpen()) {
            // A decoder may fail once more on the bytes left when the connection closes: the reason is logged.
            return;
        }
        if (cause instanceof DecoderException || cause instanceof IOException) {
            // A client's mistake or a dropped connection: the reason is enough, a stack trace is noise.
            ClientFaults.log(LOG, "Closing connection from {}: {}", connection.remoteAddress(),
                    cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage());
        } else {
            LOG.warn("Closing connection from {} after an error", connection.remoteAddress(), cause);
        }
        ctx.close();
    }
}
