package io.lakegate.server;

import io.lakegate.common.Settings;
import io.lakegate.engine.Engine;
import io.lakegate.server.tls.TlsConfigKeys;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the HiveServer2 server until the process is stopped (Ctrl-C or SIGTERM stop it cleanly). Settings come from
 * {@code -D} system properties, the environment and {@code conf/lakegate.properties} (another file with
 * {@code -Dlakegate.conf.file=...}).
 */
public final class LakegateServerMain {
    private static final Logger LOG = LoggerFactory.getLogger(LakegateServerMain.class);
    private static final String CONF_FILE_PROPERTY = "lakegate.conf.file";
    private static final String DEFAULT_CONF_FILE = "conf/lakegate.properties";

    private LakegateServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        Path confFile = Path.of(System.getProperty(CONF_FILE_PROPERTY, DEFAULT_CONF_FILE));
        Settings settings = Settings.forProcess(Optional.of(confFile));
        UnknownSettings.of(settings).forEach(key -> LOG.warn("The setting {} is not one Lakegate knows and is ignored; "
                + "docs/configuration.md lists every key", key));
        Engine engine = Engine.start(settings);
        ThriftServer server;
        try {
            server = ThriftServer.start(engine, settings);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            engine.close();
            stopped.countDown();
        }, "lakegate-server-shutdown"));
        // Clients can connect and list the catalog meanwhile; the first statement should not wait for a cluster.
        engine.warmUp();
        if (settings.get(ThriftServerConfigKeys.SAMPLES)) {
            SamplesDatabase.createIfAbsent(engine, settings);
        }
        if (settings.get(ThriftServerConfigKeys.WARM_UP)) {
            ServerWarmUp.run(engine, ServerConfig.from(settings).limits());
        }
        // Instructions for the person who started the server, not log lines: they go to the console as they are.
        String host = server.address().getHostString();
        boolean tls = settings.get(TlsConfigKeys.ENABLED);
        String ssl = tls ? ";ssl=true" : "";
        System.out.println("Lakegate is ready.");
        System.out.println("  JDBC URL:  jdbc:hive2://" + host + ":" + server.address().getPort() + "/default" + ssl);
        System.out.println("  over HTTP: jdbc:hive2://" + host + ":" + server.httpAddress().getPort()
                + "/default;transportMode=http;httpPath=" + settings.get(ThriftServerConfigKeys.HTTP_PATH) + ssl);
        System.out.println("  beeline:   beeline -u 'jdbc:hive2://" + host + ":" + server.address().getPort()
                + "/default" + ssl + "' -n $USER");
        if (tls) {
            System.out.println("  (a client that does not trust the server's CA adds "
                    + ";sslTrustStore=<truststore.p12>;trustStorePassword=<password>)");
        }
        System.out.flush();
        stopped.await();
    }
}
