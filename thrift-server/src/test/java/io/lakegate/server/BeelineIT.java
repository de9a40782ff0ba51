package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lakegate.server.SharedServer.RunningServer;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hive's own beeline, unmodified, runs SQL files against the server over the binary transport with SASL PLAIN.
 *
 * <p>Beeline 4.2.1 is built for Java 21 and insists on a terminal even with {@code -f}: it runs in a child JVM of the
 * Java named by {@code -Dbeeline.java}, else the build's own if it is new enough, else the newest JDK 21+ under
 * /usr/lib/jvm (skipped without one), under {@code script}, which gives it a pseudo-terminal.
 */
@ExtendWith(SharedServer.class)
class BeelineIT {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(2);
    private static final int BEELINE_JAVA_VERSION = 21;
    private static final Path SCRIPT = Path.of("/usr/bin/script");
    /** Terminal control sequences and carriage returns that the pseudo-terminal adds around beeline's output. */
    private static final String TERMINAL_NOISE = "\u001B\\[[0-9;?]*[a-zA-Z]|\u001B[=>]|[\r\b]";

    private static Path java;

    @BeforeAll
    static void findBeelineJava() throws IOException {
        Path configured = Path.of(System.getProperty("lakegate.test.beeline-java"));
        // Machines of this project have a second, newer JDK beside the default one (Temurin's, under /usr/lib/jvm).
        java = featureVersion(configured) >= BEELINE_JAVA_VERSION ? configured : installedJava21().orElse(configured);
        int version = featureVersion(java);
        assumeTrue(version >= BEELINE_JAVA_VERSION, "Hive 4.2.1's beeline needs Java " + BEELINE_JAVA_VERSION
                + " or newer; " + java + " is Java " + version + ". Run with -Dbeeline.java=/path/to/java");
        assumeTrue(Files.isExecutable(SCRIPT), "beeline needs a terminal, which " + SCRIPT + " provides");
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
                    .max(Comparator.comparingInt(BeelineIT::featureVersionOrZero))
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

    @Test
    void runsASqlFile(RunningServer server, @TempDir Path directory) throws Exception {
        Path sql = Files.writeString(directory.resolve("trips.sql"), String.join("\n",
                "CREATE TABLE beeline_trips (city STRING, km INT) USING iceberg;",
                "INSERT INTO beeline_trips VALUES ('Lisbon', 3), ('Porto', 5), ('Lisbon', 1);",
                "SELECT city, sum(km) AS total FROM beeline_trips GROUP BY city ORDER BY city;",
                ""));

        Run run = beeline(server, sql, directory);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.lines()).containsSubsequence("city,total", "Lisbon,4", "Porto,5");
        assertThat(run.output()).contains("2 rows selected");
    }

    @Test
    void stopsAtAFailingStatementWithItsErrorAndANonZeroExitCode(RunningServer server, @TempDir Path directory)
            throws Exception {
        Path sql = Files.writeString(directory.resolve("failing.sql"), String.join("\n",
                "SELECT * FROM beeline_no_such_table;",
                "SELECT 'never' || 'reached';",
                ""));

        Run run = beeline(server, sql, directory);

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("TABLE_OR_VIEW_NOT_FOUND", "`beeline_no_such_table`", "state=42P01");
        assertThat(run.output()).doesNotContain("neverreached");
    }

    private record Run(int exitCode, String output) {
        List<String> lines() {
            return output.lines().map(String::strip).toList();
        }
    }

    private static Run beeline(RunningServer server, Path sql, Path directory) throws Exception {
        Path beelineDir = Path.of(System.getProperty("lakegate.test.beeline-dir"));
        String classpath = beelineDir.resolve("hadoop") + File.separator + "*" + File.pathSeparator
                + beelineDir.resolve("lib") + File.separator + "*";
        String command = List.of(java.toString(), "-cp", classpath, "org.apache.hive.beeline.BeeLine",
                        "-u", server.jdbcUrl("default", ""), "-n", "beeline", "-p", "pw",
                        "--outputformat=csv2", "-f", sql.toString())
                .stream()
                .map(BeelineIT::shellQuoted)
                .collect(Collectors.joining(" "));
        Path output = directory.resolve("beeline.out");
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
