package io.lakegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An engine killed with SIGKILL runs no shutdown hook, yet its cluster must not outlive it. */
class OrphanIT {
    private static final long START_LIMIT_SECONDS = 240;
    private static final long EXIT_LIMIT_SECONDS = 60;

    @Test
    void killingTheEngineProcessStopsItsCluster() throws Exception {
        Path dataDir = Path.of("target", "it-orphan").toAbsolutePath();
        SharedEngine.deleteRecursively(dataDir);
        Process engine = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "--add-opens=java.base/java.nio=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        OrphanProbe.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        try {
            assertThat(awaitLine(engine, OrphanProbe.READY)).as("probe engine ran a statement").isTrue();
            List<ProcessHandle> clusters = LocalClusters.below(engine.toHandle());
            assertThat(clusters).hasSize(1);

            engine.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            ProcessHandle cluster = clusters.get(0);
            cluster.onExit().get(EXIT_LIMIT_SECONDS, TimeUnit.SECONDS);
            assertThat(cluster.isAlive()).isFalse();
        } finally {
            engine.destroyForcibly();
        }
    }

    private static boolean awaitLine(Process process, String expected) throws Exception {
        CompletableFuture<Boolean> seen = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.equals(expected)) {
                        return true;
                    }
                }
                return false;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        return seen.get(START_LIMIT_SECONDS, TimeUnit.SECONDS);
    }
}
