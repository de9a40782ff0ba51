package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.engine.cluster.LocalClusterLauncher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server started as its own process (output and errors merged), as an operator starts it. */
final class ServerProcess implements AutoCloseable {
    private static final Duration STOP_LIMIT = Duration.ofSeconds(60);
    private static final Pattern JDBC_URL = Pattern.compile("JDBC URL:\\s+(jdbc:hive2://\\S+)");

    private final Process process;
    private final BufferedReader out;

    ServerProcess(ProcessBuilder builder) throws Exception {
        this.process = builder.redirectErrorStream(true).start();
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * {@link LakegateServerMain} on this JVM's classpath, on ephemeral ports, without samples or warm-up, on one core.
     */
    static ServerProcess main(Path dataDir) throws Exception {
        return main(dataDir, false);
    }

    /** As {@link #main(Path)}, warming up at start when asked to. */
    static ServerProcess main(Path dataDir, boolean warmUp) throws Exception {
        return new ServerProcess(new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-Dlakegate.data.dir=" + dataDir,
                "-Dlakegate.server.port=0",
                "-Dlakegate.server.http.port=0",
                "-Dlakegate.server.samples=false",
                "-Dlakegate.server.warm-up=" + warmUp,
                "-Dlakegate.cluster.local.master=local[1]",
                "-Dlakegate.cluster.local.memory=1g",
                "-Dlakegate.conf.file=" + dataDir.resolve("absent.properties"),
                "-cp", System.getProperty("java.class.path"),
                LakegateServerMain.class.getName())));
    }

    /**
     * Reads the server's output until it prints the JDBC URL. A server that prints nothing more would block the read
     * forever, so a watchdog kills it at the deadline, which ends the read.
     */
    String awaitJdbcUrl(Duration limit) throws Exception {
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        try {
            watchdog.schedule(process::destroyForcibly, limit.toSeconds(), TimeUnit.SECONDS);
            for (String line; (line = out.readLine()) != null; ) {
                Matcher matcher = JDBC_URL.matcher(line);
                if (matcher.find()) {
                    drainOutput();
                    return matcher.group(1);
                }
            }
        } finally {
            watchdog.shutdownNow();
        }
        throw new AssertionError("The server ended (exit " + process.waitFor() + ") without printing a JDBC URL "
                + "within " + limit);
    }

    /** Reads on in the background: a server whose output pipe fills up would block at its next log line. */
    private void drainOutput() {
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // The test has what it needed from the output.
                }
            } catch (IOException e) {
                // The stream closes with the process.
            }
        }, "server-output-drain");
        drain.setDaemon(true);
        drain.start();
    }

    /** The local clusters the server started, found by the marker on their command line. */
    List<ProcessHandle> clusters() {
        return process.descendants()
                .filter(child -> child.info().commandLine()
                        .map(line -> line.contains("-D" + LocalClusterLauncher.CLUSTER_ID_PROPERTY + "="))
                        .orElse(false))
                .toList();
    }

    /** Sends SIGTERM and checks that the server ran its shutdown hooks and exited as a terminated process does. */
    void stopsOnSigterm() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)).as("stopped within %s", STOP_LIMIT)
                .isTrue();
        // 143 = 128 + SIGTERM.
        assertThat(process.exitValue()).isEqualTo(143);
    }

    /** Sends SIGKILL, which runs no shutdown hook, and waits for the exit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)).as("killed within %s", STOP_LIMIT)
                .isTrue();
        // 137 = 128 + SIGKILL.
        assertThat(process.exitValue()).isEqualTo(137);
    }

    @Override
    public void close() throws Exception {
        process.destroyForcibly();
        out.close();
    }
}
