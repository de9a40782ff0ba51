package io.lakegate.engine;

import io.lakegate.common.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One engine, and so one local cluster, for every test class of the test JVM: a cluster takes seconds to start.
 * Test classes take it as a parameter: {@code @ExtendWith(SharedEngine.class)} and an {@link Engine} argument.
 */
public final class SharedEngine implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedEngine.class);

    /** Where the shared engine keeps its catalog, warehouse and cluster logs. */
    static final Path DATA_DIR = Path.of("target", "it-data").toAbsolutePath();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Engine.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // JUnit closes AutoCloseable values of the root store when the test JVM's tests are done.
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Engine.class, key -> start(), Engine.class);
    }

    private static Engine start() {
        deleteRecursively(DATA_DIR);
        Engine engine = Engine.start(Settings.of(clusterSettings(DATA_DIR)));
        engine.warmUp();
        return engine;
    }

    /** The settings of a test engine with its data in {@code dataDirectory}: a small local cluster on two cores. */
    public static Map<String, String> clusterSettings(Path dataDirectory) {
        return Map.of(
                "lakegate.data.dir", dataDirectory.toString(),
                "lakegate.cluster.local.master", "local[2]",
                "lakegate.cluster.local.memory", "1g",
                "spark.sql.shuffle.partitions", "4");
    }

    public static void deleteRecursively(Path directory) {
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
