package io.lakegate.cluster.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The entry point of a local cluster's JVM: runs Spark's Connect server, and exits when the engine that started it
 * goes away.
 *
 * <p>The engine keeps this process's standard input open and never writes to it. The operating system closes that
 * pipe when the engine's process ends, however it ends (a {@code kill -9} included), so end of input is the signal to
 * leave: no cluster outlives its engine.
 *
 * <p>Secrets never reach this process's command line, which {@code ps} shows to every user of the machine: Spark
 * Connect reads its token from {@value #TOKEN_ENVIRONMENT}, and the Spark settings that hold secrets (the catalog's
 * password, say) arrive in {@value #SECRET_CONF_ENVIRONMENT}, in {@link Properties} format, and become system
 * properties here, where Spark's configuration picks them up as it does {@code -D} options.
 */
public final class LocalClusterMain {
    static final String SPARK_CONNECT_SERVER = "org.apache.spark.sql.connect.service.SparkConnectServer";
    /** Where Spark Connect reads the token every client must send ({@code Authorization: Bearer <token>}). */
    public static final String TOKEN_ENVIRONMENT = "SPARK_CONNECT_AUTHENTICATE_TOKEN";
    /** The Spark settings that hold secrets, in {@link Properties} format. */
    public static final String SECRET_CONF_ENVIRONMENT = "LAKEGATE_SECRET_SPARK_CONF";
    private static final long SHUTDOWN_GRACE_SECONDS = 20;

    private LocalClusterMain() {}

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(() -> exitAtEndOf(System.in), "lakegate-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        secretSettings(System.getenv(SECRET_CONF_ENVIRONMENT)).forEach(System::setProperty);
        // Spark stays off the compile classpath of Lakegate's modules; it is only on this process's classpath.
        Class.forName(SPARK_CONNECT_SERVER).getMethod("main", String[].class).invoke(null, (Object) args);
    }

    /** The settings of {@value #SECRET_CONF_ENVIRONMENT}; none when it is not set. */
    public static Map<String, String> secretSettings(String text) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return settings;
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + SECRET_CONF_ENVIRONMENT, e);
        }
        properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key)));
        return settings;
    }

    private static void exitAtEndOf(InputStream parentPipe) {
        try {
            while (parentPipe.read() != -1) {
                // The engine never writes; anything read is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end of input: the engine is gone.
        }
        System.err.println("Lakegate engine process has gone away; stopping this local cluster");
        Thread halter = new Thread(LocalClusterMain::haltAfterGrace, "lakegate-shutdown-deadline");
        halter.setDaemon(true);
        halter.start();
        // exit, not halt: Spark's shutdown hooks stop the SparkContext and remove its temporary directories.
        System.exit(0);
    }

    private static void haltAfterGrace() {
        try {
            TimeUnit.SECONDS.sleep(SHUTDOWN_GRACE_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(1);
    }
}
