package io.lakegate.engine.cluster;

import static java.util.Objects.requireNonNull;

import io.lakegate.cluster.runtime.LocalClusterMain;
import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.connect.ConnectTimeouts;
import io.lakegate.engine.connect.SparkConnectClient;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts clusters as child JVMs on this machine, each a Spark Connect server in local mode that listens on a free
 * loopback port. A child leaves when the engine's process ends (see {@link LocalClusterMain}).
 *
 * <p>Each cluster answers only the engine: it starts with a random token of its own, which every Spark Connect call
 * must send, so that no other client on the machine can run SQL on it and bypass the gateway's policies. The token,
 * and every Spark setting that holds a secret, goes to the child through its environment, never on its command line
 * (which {@code ps} shows to every user) nor into a log.
 */
public final class LocalClusterLauncher implements ClusterLauncher {
    static final String LOOPBACK = "127.0.0.1";
    /** The system property that marks a local cluster's JVM with its cluster id. */
    public static final String CLUSTER_ID_PROPERTY = "lakegate.cluster.id";
    private static final Logger LOG = LoggerFactory.getLogger(LocalClusterLauncher.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(10);
    private static final int LOG_LINES_IN_ERRORS = 5;
    private static final String ASK_ADMINISTRATOR =
            "An administrator finds the details in the server log; the next statement tries again";
    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Spark settings whose values are secrets, or may hold one (a JDBC URL with a password, say). */
    private static final Pattern SECRET_KEY =
            Pattern.compile("(?i)(password|passwd|pwd|secret|token|credential|access[.-]?key|\\.uri$)");
    /** The check of every statement's plan against the gateway's approval: after Iceberg's extensions. */
    static final String LAKEGATE_EXTENSIONS = "io.lakegate.cluster.runtime.spark.LakegateExtensions";
    /** Sets the session's user for {@code current_user()}: see {@code SessionUserInterceptor}. */
    static final String SESSION_USER_INTERCEPTOR = "io.lakegate.cluster.runtime.spark.SessionUserInterceptor";
    /** Counts the result batches each call has sent, by which paced results keep pace: see {@code ResultPacing}. */
    static final String RESULT_PACING_INTERCEPTOR = "io.lakegate.cluster.runtime.results.ResultPacing";
    /** Runs the engine's statements at the reader's pace: see {@code PacedResults}. */
    static final String PACED_RESULTS_COMMAND = "io.lakegate.cluster.runtime.results.PacedResults";

    /**
     * The module options Spark's own launcher adds on Java 17 ({@code org.apache.spark.launcher.JavaModuleOptions}):
     * Spark, Arrow and Netty read JDK internals reflectively.
     */
    private static final List<String> SPARK_JAVA_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "--enable-native-access=ALL-UNNAMED");

    private final LocalClusterSettings settings;

    public LocalClusterLauncher(LocalClusterSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public Cluster launch(String clusterId) {
        long startNanos = System.nanoTime();
        Path directory = settings.workDirectory().resolve("clusters");
        Path logFile = directory.resolve(clusterId + ".log");
        int port = freeLoopbackPort();
        String token = newToken();
        Map<String, String> conf = sparkConf(clusterId, port, directory);
        Map<String, String> secretConf = secretEntries(conf);
        conf.keySet().removeAll(secretConf.keySet());
        Process process;
        try {
            Files.createDirectories(directory);
            Files.deleteIfExists(logFile);
            // Standard input stays a pipe that the engine never writes to: its end tells the child the engine died.
            ProcessBuilder builder = new ProcessBuilder(command(clusterId, conf))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().put(LocalClusterMain.TOKEN_ENVIRONMENT, token);
            builder.environment().put(LocalClusterMain.SECRET_CONF_ENVIRONMENT, propertiesText(secretConf));
            process = builder.start();
        } catch (IOException e) {
            LOG.error("Cannot start local Spark cluster {} with {}", clusterId, settings.javaExecutable(), e);
            throw new LakegateException(SqlStates.CONNECTION_NOT_ESTABLISHED, "The Spark cluster " + clusterId
                    + " could not be started: its process did not launch. " + ASK_ADMINISTRATOR, e);
        }
        LOG.info("Starting local Spark cluster {} (pid {}) on {}:{}; log: {}",
                clusterId, process.pid(), LOOPBACK, port, logFile);
        LocalCluster cluster =
                new LocalCluster(clusterId, process, port, token, settings.connectTimeouts(), logFile);
        try {
            String version = awaitReady(cluster);
            LOG.info("Local Spark cluster {} (Spark {}) answers after {} ms",
                    clusterId, version, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private List<String> command(String clusterId, Map<String, String> conf) {
        List<String> command = new ArrayList<>();
        command.add(settings.javaExecutable().toString());
        // First, so that ps and the JDK's process info (which cut long command lines short) show what this is.
        command.add("-D" + CLUSTER_ID_PROPERTY + "=" + clusterId);
        command.add("-Xmx" + settings.memory());
        command.addAll(SPARK_JAVA_OPTIONS);
        command.addAll(settings.jvmOptions());
        conf.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(settings.classpath() + File.pathSeparator + runtimeEntryPointLocation());
        command.add(LocalClusterMain.class.getName());
        return command;
    }

    private Map<String, String> sparkConf(String clusterId, int port, Path directory) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.app.name", "lakegate-" + clusterId);
        conf.put("spark.ui.enabled", "false");
        conf.put("spark.local.dir", directory.resolve(clusterId + "-tmp").toAbsolutePath().toString());
        conf.putAll(settings.sparkConf());
        conf.put("spark.master", settings.master());
        // Everything a local cluster opens stays on loopback, whatever the settings say.
        conf.put("spark.driver.host", LOOPBACK);
        conf.put("spark.driver.bindAddress", LOOPBACK);
        conf.put("spark.connect.grpc.binding.address", LOOPBACK);
        conf.put("spark.connect.grpc.binding.port", Integer.toString(port));
        // Lakegate's own parts of the cluster, whatever the settings say: settings may add to them, never remove them.
        conf.merge("spark.sql.extensions", LAKEGATE_EXTENSIONS, (configured, ours) -> configured + "," + ours);
        conf.merge("spark.connect.grpc.interceptor.classes", SESSION_USER_INTERCEPTOR + "," + RESULT_PACING_INTERCEPTOR,
                (configured, ours) -> configured + "," + ours);
        conf.merge("spark.connect.extensions.command.classes", PACED_RESULTS_COMMAND,
                (configured, ours) -> configured + "," + ours);
        // The token comes from the environment only: one in the settings would show on the command line.
        conf.remove("spark.connect.authenticate.token");
        return conf;
    }

    /** The settings whose values must not show on a command line. */
    static Map<String, String> secretEntries(Map<String, String> conf) {
        Map<String, String> secrets = new LinkedHashMap<>();
        conf.forEach((key, value) -> {
            if (SECRET_KEY.matcher(key).find()) {
                secrets.put(key, value);
            }
        });
        return secrets;
    }

    static String propertiesText(Map<String, String> entries) {
        Properties properties = new Properties();
        properties.putAll(entries);
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String awaitReady(LocalCluster cluster) {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        LakegateException lastRefusal = null;
        while (System.nanoTime() < deadline) {
            if (!cluster.process().isAlive()) {
                throw startFailure(cluster.id(), cluster.logFile(),
                        "its JVM exited with code " + cluster.process().exitValue());
            }
            if (portAcceptsConnections(cluster.port())) {
                try {
                    return cluster.client().sparkVersion(HEALTH_CHECK_TIMEOUT);
                } catch (LakegateException e) {
                    lastRefusal = e;
                }
            }
            pause();
        }
        String reason = "it did not answer within " + settings.startTimeout().toSeconds() + " s";
        if (lastRefusal != null) {
            LOG.warn("Local Spark cluster {} last answered the health check with: {}", cluster.id(),
                    lastRefusal.getMessage());
        }
        throw startFailure(cluster.id(), cluster.logFile(), reason);
    }

    /**
     * The client learns what failed and what to do; the cluster's log, its place and its error lines (paths, host
     * names, stack frames) go to the server log only.
     */
    static LakegateException startFailure(String clusterId, Path logFile, String reason) {
        LOG.error("Local Spark cluster {} failed to start, {}{}. Its log is {}", clusterId, reason,
                errorLines(logFile).map(lines -> ": " + lines).orElse(""), logFile);
        return new LakegateException(SqlStates.CONNECTION_NOT_ESTABLISHED,
                "The Spark cluster " + clusterId + " failed to start: " + reason + ". " + ASK_ADMINISTRATOR);
    }

    /** The first lines of the log that name an error: usually the cause, where the last lines are the aftermath. */
    static Optional<String> errorLines(Path logFile) {
        try {
            List<String> errors = Files.readAllLines(logFile, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains("Exception") || line.contains("Error") || line.contains("ERROR"))
                    .map(String::strip)
                    .limit(LOG_LINES_IN_ERRORS)
                    .toList();
            return errors.isEmpty() ? Optional.empty() : Optional.of(String.join(" | ", errors));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String runtimeEntryPointLocation() {
        try {
            return Path.of(LocalClusterMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the cluster runtime's entry point", e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free loopback port", e);
        }
    }

    private static boolean portAcceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), (int) POLL_INTERVAL.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakegateException(SqlStates.CONNECTION_NOT_ESTABLISHED,
                    "Interrupted while waiting for a local Spark cluster to start", e);
        }
    }

    /** A child JVM running Spark Connect. */
    static final class LocalCluster implements Cluster {
        private static final Duration EXIT_GRACE = Duration.ofSeconds(20);
        private static final Duration EXIT_NOTICE = Duration.ofSeconds(2);

        private final String id;
        private final Process process;
        private final int port;
        private final Path logFile;
        private final SparkConnectClient client;
        private final AtomicBoolean exitLogged = new AtomicBoolean();
        /** Why the engine gave up on the cluster while its process still ran, once it has. */
        private volatile String abandonedBecause;
        private boolean closed;

        LocalCluster(String id, Process process, int port, String token, ConnectTimeouts timeouts, Path logFile) {
            this.id = id;
            this.process = process;
            this.port = port;
            this.logFile = logFile;
            this.client = new SparkConnectClient(LOOPBACK, port, token, timeouts, this::stopCause);
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public SparkConnectClient client() {
            return client;
        }

        @Override
        public boolean isAlive() {
            return abandonedBecause == null && process.isAlive();
        }

        Process process() {
            return process;
        }

        int port() {
            return port;
        }

        Path logFile() {
            return logFile;
        }

        /**
         * Why the cluster is gone, if it is. A connection broken by a killed process can be seen a moment before the
         * process's exit is, so this waits briefly for the exit.
         */
        private Optional<String> stopCause() {
            String abandoned = abandonedBecause;
            if (abandoned != null) {
                return Optional.of(abandoned + ", so the engine stopped it");
            }
            try {
                if (!process.waitFor(EXIT_NOTICE.toMillis(), TimeUnit.MILLISECONDS)) {
                    return Optional.empty();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            if (!exitLogged.getAndSet(true)) {
                LOG.warn("Local Spark cluster {} exited with code {}; its log is {}", id, process.exitValue(),
                        logFile);
            }
            return Optional.of("its process exited with code " + process.exitValue());
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            client.close();
            process.destroy();
            awaitExit();
            LOG.info("Local Spark cluster {} stopped", id);
        }

        @Override
        public synchronized void abandon(String reason) {
            requireNonNull(reason, "reason is null");
            if (closed) {
                return;
            }
            closed = true;
            abandonedBecause = reason;
            // SIGKILL first: the connections that break then tell each running statement why (see stopCause); a
            // client closed first would report them cancelled.
            process.destroyForcibly();
            awaitExit();
            client.close();
            LOG.warn("Local Spark cluster {} (pid {}) killed: {}", id, process.pid(), reason);
        }

        private void awaitExit() {
            try {
                if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("Local Spark cluster {} did not stop within {} s; killing it", id, EXIT_GRACE.toSeconds());
                    process.destroyForcibly().waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
