package io.lakegate.server;

import io.lakegate.common.Settings;
import io.lakegate.server.cli.CliLimits;
import io.lakegate.server.auth.AuthConfigKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The server's settings, read once at start. */
record ServerConfig(String host, int port, int httpPort, String httpPath, Duration cookieMaxAge,
        Optional<String> cookieSecret, TransportLimits transport, int workerThreads, CliLimits limits) {

    static ServerConfig from(Settings settings) {
        return new ServerConfig(
                settings.get(ThriftServerConfigKeys.HOST),
                settings.get(ThriftServerConfigKeys.PORT),
                settings.get(ThriftServerConfigKeys.HTTP_PORT),
                settings.get(ThriftServerConfigKeys.HTTP_PATH),
                settings.get(ThriftServerConfigKeys.HTTP_COOKIE_MAX_AGE),
                settings.find(AuthConfigKeys.COOKIE_SECRET),
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
                        settings.get(ThriftServerConfigKeys.STATUS_WAIT),
                        settings.get(ThriftServerConfigKeys.FETCH_WAIT)));
    }

    /** The cookies' signing: with the configured secret, or with one of this process alone. */
    HttpAuthTokens cookies() {
        return cookieSecret.map(secret -> new HttpAuthTokens(cookieMaxAge, secret.getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC())).orElseGet(() -> HttpAuthTokens.withRandomSecret(cookieMaxAge));
    }
}
