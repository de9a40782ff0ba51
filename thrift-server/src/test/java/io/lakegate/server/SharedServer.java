package io.lakegate.server;

import io.lakegate.common.Settings;
import io.lakegate.engine.Engine;
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
 * One engine (so one local cluster) and one server on an ephemeral loopback port for every test class of the test
 * JVM, closed when its tests are done (JUnit closes the AutoCloseable values of the root store). Test classes use
 * {@code @ExtendWith(SharedServer.class)} and take a {@link RunningServer} parameter.
 */
public final class SharedServer implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedServer.class);
    private static final Path DATA_DIR = Path.of("target", "it-data").toAbsolutePath();

    /** The running server and the engine behind it. */
    public record RunningServer(Engine engine, ThriftServer server) implements AutoCloseable {
        /** A HiveServer2 JDBC URL of the binary transport, with {@code ;key=value} settings such as auth=noSasl. */
        public String jdbcUrl(String database, String sessionSettings) {
            return "jdbc:hive2://127.0.0.1:" + server.address().getPort() + "/" + database + sessionSettings;
        }

        /** A HiveServer2 JDBC URL of the HTTP transport. */
        public String httpJdbcUrl(String database) {
            return "jdbc:hive2://127.0.0.1:" + server.httpAddress().getPort() + "/" + database
                    + ";transportMode=http;httpPath=cliservice";
        }

        @Override
        public void close() {
            server.close();
            engine.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningServer.class, key -> start(), RunningServer.class);
    }

    /**
     * Ranger policies the server reads from a file, which {@code PolicyJdbcIT} rewrites; the users of the other
     * tests are administrators, so policies do not touch them.
     */
    static final Path POLICY_FILE = DATA_DIR.resolve("policies.json");

    private static RunningServer start() {
        deleteRecursively(DATA_DIR);
        Path users = DATA_DIR.resolve("users");
        try {
            Files.createDirectories(DATA_DIR);
            Files.writeString(users, "alice: analysts\nbob: auditors\n");
            Files.writeString(POLICY_FILE, "{\"serviceName\":\"lakegate\",\"policyVersion\":1,\"policies\":[]}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Settings settings = Settings.of(Map.ofEntries(
                Map.entry("lakegate.data.dir", DATA_DIR.toString()),
                Map.entry("lakegate.cluster.local.master", "local[2]"),
                Map.entry("lakegate.cluster.local.memory", "1g"),
                Map.entry("spark.sql.shuffle.partitions", "4"),
                Map.entry("lakegate.server.host", "127.0.0.1"),
                Map.entry("lakegate.server.port", "0"),
                Map.entry("lakegate.server.http.port", "0"),
                Map.entry("lakegate.policy.file", POLICY_FILE.toString()),
                Map.entry("lakegate.policy.users-file", users.toString()),
                Map.entry("lakegate.policy.admin-users", "tester,beeline,raw")));
        Engine engine = Engine.start(settings);
        try {
            return new RunningServer(engine, ThriftServer.start(engine, settings));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    private static void deleteRecursively(Path directory) {
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
