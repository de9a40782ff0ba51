package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.server.auth.Authentication;
import io.lakegate.server.auth.Identity;
import io.lakegate.server.cli.ClientConnection;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.apache.thrift.TProcessor;
import org.junit.jupiter.api.Test;

/** The HTTP transport without sockets: paths, methods, Basic authentication, the session cookie, the size limit. */
class HttpTransportTest {
    private static final int MAX_BODY = 1024;
    private static final TransportLimits LIMITS = new TransportLimits(MAX_BODY, Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofHours(1), 100, 100);

    private final ClientConnection connection = new ClientConnection("test");
    private final HttpAuthTokens tokens = HttpAuthTokens.withRandomSecret(Duration.ofMinutes(5));

    @Test
    void basicAuthenticationAnswersTheCallAndGivesACookie() {
        FullHttpResponse response = exchange(header(post("/cliservice", "call-1"), HttpHeaderNames.AUTHORIZATION,
                basic("alice", "secret")));
        assertThat(response.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/x-thrift");
        assertThat(response.content().toString(StandardCharsets.UTF_8)).isEqualTo("call-1");
        assertThat(connection.identity().map(Identity::user)).contains("alice");
        String cookie = response.headers().get(HttpHeaderNames.SET_COOKIE);
        assertThat(cookie).startsWith("hive.server2.auth=").contains("; Max-Age=300; Path=/cliservice; HttpOnly")
                .as("Hive JDBC refuses cookies with an RFC 1123 Expires").doesNotContain("Expires");
        response.release();

        FullHttpResponse withCookie = exchange(header(post("/cliservice", "call-2"), HttpHeaderNames.COOKIE,
                cookie.substring(0, cookie.indexOf(';'))));
        assertThat(withCookie.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(withCookie.content().toString(StandardCharsets.UTF_8)).isEqualTo("call-2");
        assertThat(withCookie.headers().contains(HttpHeaderNames.SET_COOKIE)).isFalse();
        withCookie.release();
    }

    @Test
    void aRequestWithoutCredentialsOrWithAnUnknownCookieIsRefused() {
        FullHttpResponse anonymous = exchange(post("/cliservice", "call"));
        assertThat(anonymous.status()).isEqualTo(HttpResponseStatus.UNAUTHORIZED);
        assertThat(anonymous.headers().get(HttpHeaderNames.WWW_AUTHENTICATE)).startsWith("Basic");
        anonymous.release();
        FullHttpResponse forged = exchange(header(post("/cliservice", "call"), HttpHeaderNames.COOKIE,
                "hive.server2.auth=forged"));
        assertThat(forged.status()).isEqualTo(HttpResponseStatus.UNAUTHORIZED);
        forged.release();
        assertThat(connection.identity().map(Identity::user)).isEmpty();
    }

    @Test
    void otherPathsAndMethodsAreRefused() {
        FullHttpResponse wrongPath = exchange(header(post("/other", "call"), HttpHeaderNames.AUTHORIZATION,
                basic("bob", "pw")));
        assertThat(wrongPath.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
        wrongPath.release();
        FullHttpRequest get = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/cliservice");
        FullHttpResponse wrongMethod = exchange(get);
        assertThat(wrongMethod.status()).isEqualTo(HttpResponseStatus.METHOD_NOT_ALLOWED);
        wrongMethod.release();
    }

    @Test
    void aBodyBeyondTheLimitIsRefusedWithoutBeingProcessed() {
        FullHttpResponse tooLarge = exchange(header(post("/cliservice", "x".repeat(MAX_BODY + 1)),
                HttpHeaderNames.AUTHORIZATION, basic("carol", "pw")));
        assertThat(tooLarge.status()).isEqualTo(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
        assertThat(HttpUtil.isKeepAlive(tooLarge)).as("the rest of the body is not read: the connection closes")
                .isFalse();
        tooLarge.release();
        assertThat(connection.identity().map(Identity::user)).isEmpty();
    }

    /** Sends one request through a server pipeline and decodes its answer with a client codec. */
    private FullHttpResponse exchange(FullHttpRequest request) {
        TProcessor echo = (in, out) -> {
            byte[] chunk = new byte[MAX_BODY];
            int read;
            while ((read = in.getTransport().read(chunk, 0, chunk.length)) > 0) {
                out.getTransport().write(chunk, 0, read);
            }
        };
        EmbeddedChannel server = new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                HttpChannelInitializer.configure(channel, LIMITS, "test",
                        new HttpCliHandler("cliservice", tokens, Authentication.none(), echo, connection, Runnable::run));
            }
        });
        EmbeddedChannel client = new EmbeddedChannel(new HttpClientCodec(), new HttpObjectAggregator(1 << 20));
        client.writeOutbound(request);
        for (Object bytes; (bytes = client.readOutbound()) != null; ) {
            // A refused request closes the server's side before the client has sent all of it.
            if (server.isOpen()) {
                server.writeInbound(bytes);
            } else {
                ReferenceCountUtil.release(bytes);
            }
        }
        for (Object bytes; (bytes = server.readOutbound()) != null; ) {
            client.writeInbound(bytes);
        }
        FullHttpResponse response = client.readInbound();
        assertThat(response).as("an HTTP response").isNotNull();
        server.finishAndReleaseAll();
        client.finishAndReleaseAll();
        return response;
    }

    private static FullHttpRequest post(String path, String body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        HttpUtil.setContentLength(request, request.content().readableBytes());
        return request;
    }

    private static FullHttpRequest header(FullHttpRequest request, CharSequence name, String value) {
        request.headers().set(name, value);
        return request;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
