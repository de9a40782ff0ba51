package io.lakegate.server;

import io.lakegate.common.Settings;
import io.lakegate.server.cli.CliLimits;
import java.time.Duration;

/** The server's settings, read once at start. */
record ServerConfig(String host, int port, int httpPort, String httpPath, Duration cookieMaxAge,
        TransportLimits transport, int workerThreads, CliLimits limits) {

    static ServerConfig from(Settings settings) {
        return new ServerConfig(
                settings.get(ThriftServerConfigKeys.HOST),
                settings.get(ThriftServerConfigKeys.PORT),
                settings.get(ThriftServerConfigKeys.HTTP_PORT),
                settings.get(ThriftServerConfigKeys.HTTP_PATH),
                settings.get(ThriftServerConfigKeys.HTTP_COOKIE_MAX_AGE),
                new TransportLimits(
                        settings.get(ThriftServerConfigKeys.MAX_REQUEST_BYTES),
                        settings.get(ThriftServerConfigKeys.HANDSHAKE_TIMEOUT),
                        settings.get(ThriftServerConfigKeys.READ_TIMEOUT),
                        settings.get(ThriftServerConfigKeys.CONNECTION_IDLE_TIMEOUT),
                        settings.get(ThriftServerConfigKeys.MAX_CONNECTIONS),
                        settings.get(ThriftServerConfigKeys.MAX_CONNECTIONS_PER_ADDRESS)),
                settings.get(ThriftServerConfigKeys.WORKER_THREADS),
                new CliLimits(
                        settings.get(ThriftServerConfigKeys.FETCH_SIZE),
                        settings.get(ThriftServerConfigKeys.MAX_FETCH_ROWS),
                        settings.get(ThriftServerConfigKeys.MAX_FETCH_BYTES),
                        settings.get(ThriftServerConfigKeys.STATUS_WAIT)));
    }
}
