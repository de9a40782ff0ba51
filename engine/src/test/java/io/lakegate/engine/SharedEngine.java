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
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Engine.class, key -> new ClosableEngine(start()), ClosableEngine.class)
                .engine();
    }

    private static Engine start() {
        deleteRecursively(DATA_DIR);
        return Engine.start(Settings.of(Map.of(
                "lakegate.data.dir", DATA_DIR.toString(),
                "lakegate.cluster.local.master", "local[2]",
                "lakegate.cluster.local.memory", "1g",
                "spark.sql.shuffle.partitions", "4")));
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record ClosableEngine(Engine engine) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            engine.close();
        }
    }
}
