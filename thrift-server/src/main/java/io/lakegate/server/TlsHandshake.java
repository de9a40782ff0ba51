package io.lakegate.server;

import io.lakegate.server.tls.ServerTls;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Right behind the TLS handler, which closes a connection whose handshake fails: a client that left out ssl=true, a
 * missing or untrusted client certificate, a TLS version the server does not allow. This logs why as one client fault,
 * without a stack trace, and keeps the failure from the handlers behind it, which know nothing of TLS. It leaves the
 * pipeline once the handshake succeeds.
 */
final class TlsHandshake extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(TlsHandshake.class);

    private final String remoteAddress;

    private TlsHandshake(String remoteAddress) {
        this.remoteAddress = remoteAddress;
    }

    /**
     * Puts TLS at the start of a new connection's pipeline.
     *
     * @param handshakeTimeout zero when a deadline of the transport's own, started at connect, covers the handshake
     */
    static void addTo(Channel channel, ServerTls tls, Duration handshakeTimeout, String remoteAddress) {
        channel.pipeline()
                .addLast("tls", tls.newHandler(channel.alloc(), handshakeTimeout))
                .addLast("tls-handshake", new TlsHandshake(remoteAddress));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        ctx.fireUserEventTriggered(event);
        if (event instanceof SslHandshakeCompletionEvent completion) {
            if (completion.isSuccess()) {
                ctx.pipeline().remove(this);
            } else if (!(completion.cause() instanceof ClosedChannelException)) {
                // A client that goes away mid-handshake (a port probe, say) has done nothing worth a line.
                ClientFaults.log(LOG, "Closing connection from {}: TLS handshake failed: {}", remoteAddress,
                        reason(completion.cause()));
            }
        }
    }

    /** Before the handshake succeeds, every failure is the handshake's: logged by the event above, once. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NotSslRecordException) {
                // Its message holds the client's bytes in hex: what matters is that they are not TLS.
                return "the client sent no TLS record (does it connect without ssl=true?)";
            }
        }
        String message = failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : ClientFaults.quote(message);
    }
}
