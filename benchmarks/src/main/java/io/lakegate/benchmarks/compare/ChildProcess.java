package io.lakegate.benchmarks.compare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A server under test run as a child process of the harness: its output goes to a log file, and closing it kills it
 * and everything it started (a gateway's clusters), so that no phase leaves a JVM eating the cores of the next.
 */
final class ChildProcess implements AutoCloseable {
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;

    private ChildProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildProcess start(ProcessBuilder builder, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ChildProcess(process, log);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Follows the log until a line matches; the first group of the match is returned. Fails when the process ends or
     * the limit passes first.
     */
    String awaitLine(Pattern pattern, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            while (System.nanoTime() < deadline) {
                String line = reader.readLine();
                if (line == null) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("The server ended (exit " + process.exitValue()
                                + ") before it was ready; see " + log);
                    }
                    TimeUnit.MILLISECONDS.sleep(50);
                    continue;
                }
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return matcher.groupCount() > 0 ? matcher.group(1) : line;
                }
            }
        }
        throw new IllegalStateException("The server was not ready within " + limit + "; see " + log);
    }

    /** Waits until a check of the running process holds, such as its port accepting connections. */
    void awaitReady(Predicate<ChildProcess> ready, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!ready.test(this)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server ended (exit " + process.exitValue()
                        + ") before it was ready; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The server was not ready within " + limit + "; see " + log);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** The descendant JVMs whose command line holds the marker, such as a gateway's local clusters. */
    Stream<ProcessHandle> descendants(String marker) {
        return process.descendants().filter(child -> child.info().commandLine()
                .map(line -> line.contains(marker)).orElse(false));
    }

    /**
     * Stops the server as an operator would (SIGTERM: a metastore or catalog is left consistent for the next start),
     * then kills whatever is left of it and of what it started, so that nothing eats the cores of the next phase.
     */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
        if (!process.onExit().thenApply(Process::isAlive).completeOnTimeout(true, STOP_LIMIT.toSeconds(),
                TimeUnit.SECONDS).join()) {
            return;
        }
        throw new IllegalStateException("Process " + process.pid() + " did not stop");
    }

    static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
