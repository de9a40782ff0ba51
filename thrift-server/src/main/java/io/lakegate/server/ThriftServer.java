package io.lakegate.server;

import static java.util.Objects.requireNonNull;

import io.lakegate.common.LakegateException;
import io.lakegate.common.Settings;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.Engine;
import io.lakegate.server.auth.AuthConfigKeys;
import io.lakegate.server.auth.Authentication;
import io.lakegate.server.cli.CliService;
import io.lakegate.server.tls.ServerTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HiveServer2 server in front of an engine: the binary Thrift transport (SASL PLAIN and NOSASL on one port) and
 * the HTTP transport (Thrift over POST, Basic authentication, a session cookie).
 *
 * <pre>{@code
 * try (Engine engine = Engine.start(settings); ThriftServer server = ThriftServer.start(engine, settings)) {
 *     // jdbc:hive2://127.0.0.1:<server.address().getPort()>/default
 * }
 * }</pre>
 */
public final class ThriftServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThriftServer.class);

    private final EventLoopGroup acceptors;
    private final EventLoopGroup connections;
    private final ExecutorService workers;
    private final CliService service;
    private final Authentication authentication;
    private final Channel binary;
    private final Channel http;

    private ThriftServer(EventLoopGroup acceptors, EventLoopGroup connections, ExecutorService workers,
            CliService service, Authentication authentication, Channel binary, Channel http) {
        this.acceptors = acceptors;
        this.connections = connections;
        this.workers = workers;
        this.service = service;
        this.authentication = authentication;
        this.binary = binary;
        this.http = http;
    }

    /** Listens on the configured host and port; the engine stays the caller's to close. */
    public static ThriftServer start(Engine engine, Settings settings) {
        requireNonNull(engine, "engine is null");
        ServerConfig config = ServerConfig.from(requireNonNull(settings, "settings is null"));
        Optional<ServerTls> tls = ServerTls.fromSettings(settings);
        // Last of what may refuse the settings: it holds connections (LDAP) that a refusal after it would leak.
        Authentication authentication = Authentication.from(settings);
        warnIfOpen(authentication, config.host());
        EventLoopGroup acceptors = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("lakegate-accept"),
                NioIoHandler.newFactory());
        EventLoopGroup connections = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("lakegate-network"),
                NioIoHandler.newFactory());
        ExecutorService workers = boundedPool("lakegate-thrift-worker", config.workerThreads());
        CliService service = new CliService(engine, config.limits(), authentication);
        Channel binary = null;
        try {
            binary = listen(acceptors, connections, config.host(), config.port(),
                    new BinaryChannelInitializer(config.transport(), service, authentication, workers, tls));
            Channel http = listen(acceptors, connections, config.host(), config.httpPort(),
                    new HttpChannelInitializer(config.transport(), config.httpPath(), config.cookies(),
                            authentication, service, workers, tls));
            ThriftServer server = new ThriftServer(acceptors, connections, workers, service, authentication, binary,
                    http);
            LOG.info("HiveServer2 listening{}: binary transport on {}, HTTP transport on {} at /{}",
                    tls.isPresent() ? " with TLS" : "", server.address(), server.httpAddress(), config.httpPath());
            return server;
        } catch (RuntimeException e) {
            if (binary != null) {
                binary.close();
            }
            service.close();
            authentication.close();
            workers.shutdownNow();
            connections.shutdownGracefully();
            acceptors.shutdownGracefully();
            throw new LakegateException(SqlStates.CONNECTION_NOT_ESTABLISHED,
                    "Cannot listen on " + config.host() + " (ports " + config.port() + " and " + config.httpPort()
                            + "): " + e.getMessage(), e);
        }
    }

    /** Trusting the names clients give is for one machine: anyone who can reach the server could claim any user. */
    private static void warnIfOpen(Authentication authentication, String host) {
        if (authentication.required()) {
            return;
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            LOG.warn("Authentication is NONE and the server listens on {}, beyond this machine: any client can act as "
                    + "any user, so the policies protect nothing. Set {} to FILE, LDAP or JWT", host,
                    AuthConfigKeys.MECHANISMS.name());
        }
    }

    private static Channel listen(EventLoopGroup acceptors, EventLoopGroup connections, String host, int port,
            ChannelHandler initializer) {
        return new ServerBootstrap()
                .group(acceptors, connections)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
                .bind(host, port)
                .syncUninterruptibly()
                .channel();
    }

    /** The address the binary transport listens on, with the port it got when 0 was asked for. */
    public InetSocketAddress address() {
        return (InetSocketAddress) binary.localAddress();
    }

    /** The address the HTTP transport listens on, with the port it got when 0 was asked for. */
    public InetSocketAddress httpAddress() {
        return (InetSocketAddress) http.localAddress();
    }

    /** Stops listening, closes every connection and session, and stops the server's threads. */
    @Override
    public void close() {
        binary.close().syncUninterruptibly();
        http.close().syncUninterruptibly();
        acceptors.shutdownGracefully().syncUninterruptibly();
        connections.shutdownGracefully().syncUninterruptibly();
        service.close();
        authentication.close();
        workers.shutdownNow();
        LOG.info("HiveServer2 server stopped");
    }

    /**
     * A fixed number of threads; the queue stays short because each connection has at most one call in flight
     * and stops reading until it is answered.
     */
    static ExecutorService boundedPool(String name, int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, name + "-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
