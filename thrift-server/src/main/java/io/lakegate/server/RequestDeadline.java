package io.lakegate.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time a client has to send the rest of a request it has begun: a client that stops halfway would otherwise hold
 * its buffered bytes forever. While the server itself is busy with the connection's previous call it reads nothing,
 * so that time does not count. Used on the connection's event loop only.
 */
final class RequestDeadline {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadline.class);

    private final Duration timeout;
    private final String remoteAddress;
    private ScheduledFuture<?> expiry;

    RequestDeadline(Duration timeout, String remoteAddress) {
        this.timeout = timeout;
        this.remoteAddress = remoteAddress;
    }

    /** A request began: the clock starts unless it already runs for this one. */
    void begin(ChannelHandlerContext ctx) {
        if (expiry == null) {
            expiry = ctx.executor().schedule(() -> expire(ctx), timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The request is complete, or the connection is going away. */
    void end() {
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        expiry = null;
        if (!ctx.channel().config().isAutoRead()) {
            begin(ctx);
            return;
        }
        ClientFaults.log(LOG, "Closing connection from {}: a request did not arrive in full within {}",
                remoteAddress, timeout);
        ctx.close();
    }
}
