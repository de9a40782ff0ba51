package io.lakegate.server;

import io.lakegate.common.LakegateException;
import io.lakegate.server.auth.Authentication;
import io.lakegate.server.auth.Identity;
import io.lakegate.server.cli.ClientConnection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of Thrift's SASL negotiation with the PLAIN mechanism. Each negotiation message is a status byte, a
 * 4-byte length and a payload; the client sends START with the mechanism name, then its response ({@code authzid NUL
 * authcid NUL password}), and the server answers COMPLETE. From then on every Thrift message travels in a frame with
 * a 4-byte length, so on success this handler puts length framing in its place.
 */
final class SaslPlainNegotiator extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(SaslPlainNegotiator.class);
    private static final String MECHANISM = "PLAIN";
    private static final int HEADER_BYTES = 5;
    /** A PLAIN response is a user name and a password: nothing needs more. */
    private static final int MAX_NEGOTIATION_BYTES = 64 * 1024;

    private final TransportLimits limits;
    private final ClientConnection connection;
    private final Authentication authentication;
    private final Executor workers;
    private boolean started;
    private boolean refused;
    /** The credentials are being checked on a worker: nothing more is read until the answer is written. */
    private boolean checking;
    private ScheduledFuture<?> timeout;

    SaslPlainNegotiator(TransportLimits limits, ClientConnection connection, Authentication authentication,
            Executor workers) {
        this.limits = limits;
        this.connection = connection;
        this.authentication = authentication;
        this.workers = workers;
    }

    /** A client that starts negotiating and stops must not hold the connection forever. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timeout = HandshakeDeadline.start(ctx, limits.handshakeTimeout(), LOG, "SASL negotiation did not finish",
                connection.remoteAddress());
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        timeout.cancel(false);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (checking || in.readableBytes() < HEADER_BYTES) {
            return;
        }
        int code = in.getUnsignedByte(in.readerIndex());
        int length = in.getInt(in.readerIndex() + 1);
        Optional<SaslStatus> status = SaslStatus.of(code);
        int maxLength = Math.min(MAX_NEGOTIATION_BYTES, limits.maxRequestBytes());
        if (status.isEmpty()) {
            refuse(ctx, SaslStatus.ERROR, "unknown SASL status " + code);
            return;
        }
        if (length < 0 || length > maxLength) {
            refuse(ctx, SaslStatus.ERROR, "SASL message of " + length + " bytes (expected: 0 to " + maxLength + ")");
            return;
        }
        if (in.readableBytes() < HEADER_BYTES + length) {
            return;
        }
        in.skipBytes(HEADER_BYTES);
        byte[] payload = new byte[length];
        in.readBytes(payload);
        if (!started) {
            start(ctx, status.get(), new String(payload, StandardCharsets.UTF_8));
        } else {
            respond(ctx, status.get(), payload);
        }
    }

    private void start(ChannelHandlerContext ctx, SaslStatus status, String mechanism) {
        if (status != SaslStatus.START) {
            refuse(ctx, SaslStatus.ERROR, "expected SASL START, got " + status);
        } else if (!mechanism.equals(MECHANISM)) {
            refuse(ctx, SaslStatus.BAD, "SASL mechanism " + ClientFaults.quote(mechanism)
                    + " is not supported; use PLAIN");
        } else {
            started = true;
        }
    }

    private void respond(ChannelHandlerContext ctx, SaslStatus status, byte[] response) {
        if (status != SaslStatus.OK && status != SaslStatus.COMPLETE) {
            refuse(ctx, SaslStatus.ERROR, "the client ended the SASL negotiation with " + status);
            return;
        }
        String[] parts = new String(response, StandardCharsets.UTF_8).split("\u0000", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            refuse(ctx, SaslStatus.BAD, "malformed PLAIN response: expected authzid, user and password");
            return;
        }
        String authorizationId = parts[0];
        String user = parts[1];
        String password = parts[2];
        if (!authorizationId.isEmpty() && !authorizationId.equals(user)) {
            refuse(ctx, SaslStatus.BAD, "acting as another user (" + ClientFaults.quote(authorizationId)
                    + ") is not supported here; use hive.server2.proxy.user");
            return;
        }
        // Checking may take a slow hash or an LDAP round trip: it runs on a worker, and the answer comes back here.
        checking = true;
        ctx.channel().config().setAutoRead(false);
        try {
            workers.execute(() -> {
                Identity identity = null;
                String refusal = null;
                try {
                    identity = authentication.login(user, password, connection.host());
                } catch (LakegateException e) {
                    refusal = e.getMessage();
                } catch (RuntimeException e) {
                    LOG.warn("Cannot authenticate {} from {}", ClientFaults.quote(user), connection.remoteAddress(), e);
                    refusal = "Authentication failed: an internal error; the server log has the details";
                }
                Identity proven = identity;
                String reason = refusal;
                ctx.executor().execute(() -> finish(ctx, proven, reason));
            });
        } catch (RejectedExecutionException e) {
            LOG.info("Closing connection from {}: the server is stopping", connection.remoteAddress());
            ctx.close();
        }
    }

    private void finish(ChannelHandlerContext ctx, Identity identity, String refusal) {
        if (ctx.isRemoved() || !ctx.channel().isActive()) {
            return;
        }
        if (identity == null) {
            refuse(ctx, SaslStatus.BAD, refusal);
            return;
        }
        connection.authenticated(identity);
        ctx.writeAndFlush(message(ctx, SaslStatus.COMPLETE, new byte[0]));
        LOG.debug("Connection from {} authenticated as {}", connection.remoteAddress(), identity.user());
        ctx.pipeline().addAfter(ctx.name(), "frame-encoder", new LengthFieldPrepender(4));
        ctx.pipeline().replace(this, "frame-decoder", new FrameDecoder(limits, connection.remoteAddress()));
        ctx.channel().config().setAutoRead(true);
    }

    private void refuse(ChannelHandlerContext ctx, SaslStatus status, String reason) {
        refused = true;
        ClientFaults.log(LOG, "Closing connection from {}: {}", connection.remoteAddress(), reason);
        ctx.writeAndFlush(message(ctx, status, reason.getBytes(StandardCharsets.UTF_8)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private static ByteBuf message(ChannelHandlerContext ctx, SaslStatus status, byte[] payload) {
        ByteBuf buffer = ctx.alloc().buffer(HEADER_BYTES + payload.length);
        return buffer.writeByte(status.code()).writeInt(payload.length).writeBytes(payload);
    }
}
