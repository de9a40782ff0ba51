package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.server.auth.Authentication;
import io.lakegate.server.cli.ClientConnection;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pipelined requests over a real socket: a client may send its next request before the answer to the last, and
 * HTTP/1.1 requires the answers in the order of the requests, however long each call takes.
 */
class HttpPipeliningTest {
    private static final int MAX_BODY = 1024;
    private static final TransportLimits LIMITS = new TransportLimits(MAX_BODY, Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofHours(1), 100, 100);
    private static final String AUTHORIZATION = "Basic "
            + Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8));

    /** Released by the fast call: if it ran while the slow one still waited, the slow one would see it. */
    private final CountDownLatch fastCallStarted = new CountDownLatch(1);
    private volatile boolean fastRanDuringSlow;
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private Channel server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close().sync();
        }
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        workers.shutdownNow();
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheOrderTheyCame() throws Exception {
        int port = start((in, out) -> {
            byte[] call = new byte[64];
            int read = in.getTransport().read(call, 0, call.length);
            String body = new String(call, 0, read, StandardCharsets.UTF_8);
            if (body.equals("slow")) {
                fastRanDuringSlow = awaitFastCall();
            } else {
                fastCallStarted.countDown();
            }
            out.getTransport().write(call, 0, read);
        });
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            socket.getOutputStream().write((post("slow", true) + post("fast", true) + post("anonymous", false))
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(readResponse(in));
            }
            assertThat(answers).containsExactly("200 slow", "200 fast", "401 Authentication required");
        }
        assertThat(fastRanDuringSlow).as("the next request waits until the last is answered").isFalse();
    }

    @Test
    void aBodyBeyondTheLimitIsRefusedAndItsConnectionClosed() throws Exception {
        int port = start((in, out) -> {
            throw new TException("a refused body must not reach the processor");
        });
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            socket.getOutputStream().write(post("x".repeat(MAX_BODY + 1), true).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            assertThat(readResponse(in)).isEqualTo("413 ");
            assertThat(in.read()).as("the connection is closed").isEqualTo(-1);
        }
    }

    private boolean awaitFastCall() throws TException {
        try {
            return fastCallStarted.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TException(e);
        }
    }

    private int start(TProcessor processor) throws InterruptedException {
        HttpAuthTokens tokens = HttpAuthTokens.withRandomSecret(Duration.ofMinutes(5));
        server = new ServerBootstrap()
                .group(loop)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        HttpChannelInitializer.configure(channel, LIMITS, "test", new HttpCliHandler("cliservice",
                                tokens, Authentication.none(), processor, new ClientConnection("test"), workers));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private static String post(String body, boolean authenticated) {
        return "POST /cliservice HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-thrift\r\n"
                + (authenticated ? "Authorization: " + AUTHORIZATION + "\r\n" : "")
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    /** The status code and body of one response, read by its Content-Length. */
    private static String readResponse(InputStream in) throws IOException {
        String status = line(in);
        int length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring("content-length:".length()).trim());
            }
        }
        byte[] body = new byte[length];
        new DataInputStream(in).readFully(body);
        return status.split(" ")[1] + " " + new String(body, StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("The server closed the connection mid-response");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
