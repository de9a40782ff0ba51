package io.lakegate.server;

import io.lakegate.common.LakegateException;
import io.lakegate.server.auth.Authentication;
import io.lakegate.server.auth.Identity;
import io.lakegate.server.cli.ClientConnection;
import io.lakegate.server.cli.SessionGrant;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP transport: each POST to the Thrift path carries one binary-protocol call and gets its answer. The client
 * authenticates with Basic authentication, a bearer token, or the session cookie a successful request got. Sessions outlive
 * HTTP connections, which clients open and close as they please. Calls run on the worker pool. Requests are answered
 * one at a time, in the order they came: the connection stops reading while a request is answered, and a request that
 * one read brought with the one being answered (pipelining) waits until that answer is written.
 */
final class HttpCliHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpCliHandler.class);
    private static final String THRIFT_CONTENT_TYPE = "application/x-thrift";
    private static final String BASIC = "Basic ";
    private static final String BEARER = "Bearer ";

    private final String path;
    private final HttpAuthTokens tokens;
    private final Authentication authentication;
    private final TProcessor processor;
    private final ClientConnection connection;
    private final Executor workers;
    /** Requests that came while another was answered; touched on the event loop only, as is {@code answering}. */
    private final Deque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean answering;

    HttpCliHandler(String path, HttpAuthTokens tokens, Authentication authentication, TProcessor processor,
            ClientConnection connection, Executor workers) {
        this.path = "/" + path;
        this.tokens = tokens;
        this.authentication = authentication;
        this.processor = processor;
        this.connection = connection;
        this.workers = workers;
    }

    /** Who sent a request, the grant it came under, and the cookie to give back when it proved who it is. */
    private record Caller(Identity identity, SessionGrant grant, Optional<String> newToken) {}

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (answering) {
            waiting.add(request.retain());
            return;
        }
        answering = true;
        ctx.channel().config().setAutoRead(false);
        handle(ctx, request);
    }

    /** The answer to the last request is written: the next waiting one is answered, or the connection reads again. */
    private void answered(ChannelHandlerContext ctx) {
        FullHttpRequest next = waiting.poll();
        if (next == null) {
            answering = false;
            ctx.channel().config().setAutoRead(true);
            return;
        }
        try {
            handle(ctx, next);
        } finally {
            next.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        waiting.forEach(FullHttpRequest::release);
        waiting.clear();
        ctx.fireChannelInactive();
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!new QueryStringDecoder(request.uri()).path().equals(path)) {
            respond(ctx, HttpUtil.isKeepAlive(request),
                    plain(HttpResponseStatus.NOT_FOUND, "Thrift is served at " + path));
            return;
        }
        if (!request.method().equals(HttpMethod.POST)) {
            respond(ctx, HttpUtil.isKeepAlive(request),
                    plain(HttpResponseStatus.METHOD_NOT_ALLOWED, "Thrift calls are POST requests"));
            return;
        }
        Optional<String> cookie = cookie(request);
        Optional<String> authorization = Optional.ofNullable(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        byte[] call = ByteBufUtil.getBytes(request.content());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        try {
            // Checking credentials may take a slow hash or an LDAP round trip: never on the event loop.
            workers.execute(() -> authenticateAndAnswer(ctx, cookie, authorization, call, keepAlive));
        } catch (RejectedExecutionException e) {
            LOG.info("Closing connection from {}: the server is stopping", connection.remoteAddress());
            ctx.close();
        }
    }

    private void authenticateAndAnswer(ChannelHandlerContext ctx, Optional<String> cookie,
            Optional<String> authorization, byte[] call, boolean keepAlive) {
        Optional<Caller> caller;
        try {
            caller = cookie.flatMap(tokens::grant).map(grant -> new Caller(grant.identity(), grant, Optional.empty()))
                    .or(() -> authorization.flatMap(this::fromAuthorization));
        } catch (LakegateException e) {
            respond(ctx, keepAlive, refused(e.getMessage()));
            return;
        } catch (RuntimeException e) {
            LOG.warn("Cannot authenticate a request from {}", connection.remoteAddress(), e);
            respond(ctx, keepAlive, plain(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    "Authentication failed: an internal error; the server log has the details"));
            return;
        }
        if (caller.isEmpty()) {
            respond(ctx, keepAlive, refused("Authentication required"));
            return;
        }
        answer(ctx, caller.get(), call, keepAlive);
    }

    private void answer(ChannelHandlerContext ctx, Caller caller, byte[] call, boolean keepAlive) {
        FullHttpResponse response = null;
        try {
            connection.authenticated(caller.identity(), caller.grant());
            ByteBuf answer = ThriftMessages.answer(processor, call);
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, answer);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, THRIFT_CONTENT_TYPE);
            if (caller.newToken().isPresent()) {
                setCookie(response, caller.newToken().get(), ctx.pipeline().get(SslHandler.class) != null);
            }
        } catch (TException | RuntimeException e) {
            ClientFaults.log(LOG, "Closing connection from {}: cannot process a Thrift call: {}",
                    connection.remoteAddress(), ClientFaults.quote(e.toString()));
        } finally {
            // Also when an Error escapes: a client left without an answer would wait forever.
            if (response == null) {
                ctx.close();
            }
        }
        if (response != null) {
            respond(ctx, keepAlive, response);
        }
    }

    /** The next request is answered only after this answer is out; a connection not kept alive closes instead. */
    private void nextOnceWritten(ChannelHandlerContext ctx, ChannelFuture written, boolean keepAlive) {
        written.addListener(done -> {
            if (keepAlive && done.isSuccess()) {
                answered(ctx);
            } else {
                ctx.close();
            }
        });
    }

    private static Optional<String> cookie(FullHttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.COOKIE);
        if (header == null) {
            return Optional.empty();
        }
        return ServerCookieDecoder.STRICT.decode(header).stream()
                .filter(cookie -> cookie.name().equals(HttpAuthTokens.COOKIE))
                .map(Cookie::value)
                .findFirst();
    }

    /**
     * Basic carries a user name and password, Bearer a token; either proven gives a new cookie. With authentication
     * NONE any password is accepted for a user name that is not empty. Passwords and tokens are never logged.
     */
    private Optional<Caller> fromAuthorization(String header) {
        Identity identity;
        if (header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            String credentials;
            try {
                credentials = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = credentials.indexOf(':');
            String user = colon < 0 ? credentials : credentials.substring(0, colon);
            if (user.isEmpty()) {
                return Optional.empty();
            }
            identity = authentication.login(user, colon < 0 ? "" : credentials.substring(colon + 1),
                    connection.host());
        } else if (header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            identity = authentication.loginWithToken(header.substring(BEARER.length()).trim(), connection.host());
        } else {
            return Optional.empty();
        }
        return Optional.of(tokens.issue(identity)
                .map(issued -> new Caller(identity, issued.grant(), Optional.of(issued.token())))
                .orElseGet(() -> new Caller(identity, SessionGrant.NONE, Optional.empty())));
    }

    private FullHttpResponse refused(String message) {
        FullHttpResponse refused = plain(HttpResponseStatus.UNAUTHORIZED, message);
        refused.headers().add(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"Lakegate\"");
        if (authentication.takesTokens()) {
            refused.headers().add(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"Lakegate\"");
        }
        return refused;
    }

    /**
     * The cookie with Max-Age alone, as HiveServer2 sends it: the HTTP client inside Hive's JDBC driver refuses the
     * whole cookie for an RFC 1123 Expires date (Netty's encoder adds one), and would then send the password with
     * every request. Over TLS the cookie is never sent in clear.
     */
    private void setCookie(FullHttpResponse response, String token, boolean overTls) {
        response.headers().add(HttpHeaderNames.SET_COOKIE, HttpAuthTokens.COOKIE + "=" + token + "; Max-Age="
                + tokens.maxAge().toSeconds() + "; Path=" + path + "; HttpOnly" + (overTls ? "; Secure" : ""));
    }

    private static FullHttpResponse plain(HttpResponseStatus status, String text) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                status, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        return response;
    }

    private void respond(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, keepAlive);
        nextOnceWritten(ctx, ctx.writeAndFlush(response), keepAlive);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!ctx.channel().isOpen()) {
            return;
        }
        if (cause instanceof IOException || cause instanceof DecoderException) {
            LOG.info("Closing HTTP connection from {}: {}", connection.remoteAddress(), cause.getMessage());
        } else {
            LOG.warn("Closing HTTP connection from {} after an error", connection.remoteAddress(), cause);
        }
        ctx.close();
    }
}
