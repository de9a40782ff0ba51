package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Hive's own beeline, unmodified, run on a SQL file against a JDBC URL.
 *
 * <p>Beeline 4.2.1 is built for Java 21 and insists on a terminal even with {@code -f}: it runs in a child JVM of the
 * Java named by {@code -Dbeeline.java}, else the build's own if it is new enough, else the newest JDK 21+ under
 * /usr/lib/jvm (tests are skipped without one), under {@code script}, which gives it a pseudo-terminal.
 */
final class Beeline {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(2);
    private static final int BEELINE_JAVA_VERSION = 21;
    private static final Path SCRIPT = Path.of("/usr/bin/script");
    /** Terminal control sequences and carriage returns that the pseudo-terminal adds around beeline's output. */
    private static final String TERMINAL_NOISE = "\u001B\\[[0-9;?]*[a-zA-Z]|\u001B[=>]|[\r\b]";

    private final Path java;

    private Beeline(Path java) {
        this.java = java;
    }

    /** Beeline on a Java that runs it; skips the calling test when this machine has none. */
    static Beeline find() throws IOException {
        Path configured = Path.of(System.getProperty("lakegate.test.beeline-java"));
        // Machines of this project have a second, newer JDK beside the default one (Temurin's, under /usr/lib/jvm).
        Path java = featureVersion(configured) >= BEELINE_JAVA_VERSION ? configured
                : installedJava21().orElse(configured);
        int version = featureVersion(java);
        assumeTrue(version >= BEELINE_JAVA_VERSION, "Hive 4.2.1's beeline needs Java " + BEELINE_JAVA_VERSION
                + " or newer; " + java + " is Java " + version + ". Run with -Dbeeline.java=/path/to/java");
        assumeTrue(Files.isExecutable(SCRIPT), "beeline needs a terminal, which " + SCRIPT + " provides");
        return new Beeline(java);
    }

    /** What a run printed (without the terminal's noise), and its exit code. */
    record Run(int exitCode, String output) {
        List<String> lines() {
            return output.lines().map(String::strip).toList();
        }
    }

    /** Runs the SQL file with {@code --outputformat=csv2}, logged in as the user with the password. */
    Run run(String url, String user, String password, Path sql, Path directory) throws Exception {
        Path beelineDir = Path.of(System.getProperty("lakegate.test.beeline-dir"));
        String classpath = beelineDir.resolve("hadoop") + File.separator + "*" + File.pathSeparator
                + beelineDir.resolve("lib") + File.separator + "*";
        String command = List.of(java.toString(), "-cp", classpath, "org.apache.hive.beeline.BeeLine",
                        "-u", url, "-n", user, "-p", password, "--outputformat=csv2", "-f", sql.toString())
                .stream()
                .map(Beeline::shellQuoted)
                .collect(Collectors.joining(" "));
        Path output = Files.createTempFile(directory, "beeline", ".out");
        // script -e: exit with beeline's exit code; the typescript itself is not needed.
        Process process = new ProcessBuilder(SCRIPT.toString(), "-q", "-e", "-c", command, "/dev/null")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            assertThat(process.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)).as("beeline ended within %s",
                    RUN_LIMIT).isTrue();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8).replaceAll(TERMINAL_NOISE, "");
        return new Run(process.exitValue(), text);
    }

    /** The newest JDK of at least version 21 under /usr/lib/jvm, if there is one. */
    private static Optional<Path> installedJava21() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.map(home -> home.resolve("bin").resolve("java"))
                    .filter(Files::isExecutable)
                    .filter(candidate -> Files.isRegularFile(releaseFileOf(candidate)))
                    .max(Comparator.comparingInt(Beeline::featureVersionOrZero))
                    .filter(candidate -> featureVersionOrZero(candidate) >= BEELINE_JAVA_VERSION);
        }
    }

    private static int featureVersionOrZero(Path java) {
        try {
            return featureVersion(java);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static Path releaseFileOf(Path java) {
        try {
            return java.toRealPath().getParent().getParent().resolve("release");
        } catch (IOException e) {
            return java.getParent().getParent().resolve("release");
        }
    }

    private static String shellQuoted(String argument) {
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    /** The Java version of a runtime, from the release file every JDK has at its top. */
    private static int featureVersion(Path java) throws IOException {
        Properties release = new Properties();
        try (var in = Files.newBufferedReader(releaseFileOf(java))) {
            release.load(in);
        }
        String version = release.getProperty("JAVA_VERSION").replace("\"", "");
        return Integer.parseInt(version.split("[.+-]")[0]);
    }
}
