package io.lakegate.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/** Closes a connection whose client has not got through the start of the conversation in time. */
final class HandshakeDeadline {
    private HandshakeDeadline() {}

    /**
     * Starts the deadline on the channel's own event loop; the caller cancels the future once the step is done.
     *
     * @param unfinished what the client did not do in time, for the log
     */
    static ScheduledFuture<?> start(ChannelHandlerContext ctx, Duration limit, Logger log,
            String unfinished, String remoteAddress) {
        return ctx.executor().schedule(() -> {
            ClientFaults.log(log, "Closing connection from {}: {} within {}", remoteAddress, unfinished, limit);
            ctx.close();
        }, limit.toNanos(), TimeUnit.NANOSECONDS);
    }
}
