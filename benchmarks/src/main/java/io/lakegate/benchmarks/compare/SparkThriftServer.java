package io.lakegate.benchmarks.compare;

import io.lakegate.benchmarks.results.ClusterHeapProbe;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Spark's own Thrift server (Spark 3.5.4) as a child JVM on the classpath that {@code benchmarks/sts/pom.xml}
 * gathers: {@code local[N]}, the heap Lakegate's cluster gets, a Derby metastore and a warehouse in a temporary
 * folder, bound to loopback without SASL. It is ready once its port accepts connections.
 */
final class SparkThriftServer implements AutoCloseable {
    static final String BUILD_COMMAND = "mvn -B -f benchmarks/sts/pom.xml package";
    private static final String MAIN = "org.apache.spark.sql.hive.thriftserver.HiveThriftServer2";
    private static final Duration START_LIMIT = Duration.ofMinutes(5);

    private final ChildProcess process;
    private final int port;

    private SparkThriftServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    static SparkThriftServer start(Path lib, Path work, String cores, String memory)
            throws IOException, InterruptedException {
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("No Spark Thrift server classpath at " + lib + "; build it with "
                    + BUILD_COMMAND);
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + memory));
        command.addAll(moduleOptions(lib));
        command.addAll(List.of(
                "-Dspark.master=local[" + cores + "]",
                "-Dspark.app.name=sts-benchmark",
                "-Dspark.ui.enabled=false",
                "-Dspark.driver.host=127.0.0.1",
                "-Dspark.driver.bindAddress=127.0.0.1",
                "-Dspark.sql.warehouse.dir=" + work.resolve("warehouse"),
                "-Dderby.system.home=" + work,
                "-cp", lib + File.separator + "*",
                MAIN,
                "--hiveconf", "hive.server2.thrift.port=" + port,
                "--hiveconf", "hive.server2.thrift.bind.host=127.0.0.1",
                "--hiveconf", "hive.server2.authentication=NOSASL",
                "--hiveconf", "javax.jdo.option.ConnectionURL=jdbc:derby:;databaseName="
                        + work.resolve("metastore_db") + ";create=true"));
        Files.createDirectories(work);
        ChildProcess process = ChildProcess.start(new ProcessBuilder(command).directory(work.toFile()),
                work.resolve("sts.log"));
        try {
            process.awaitReady(child -> accepts(port), START_LIMIT);
            return new SparkThriftServer(process, port);
        } catch (InterruptedException | RuntimeException e) {
            process.close();
            throw e;
        }
    }

    /** The module options Spark's own launcher adds on Java 17, from the launcher of that very Spark. */
    private static List<String> moduleOptions(Path lib) throws IOException {
        Path launcher;
        try (Stream<Path> jars = Files.list(lib)) {
            launcher = jars.filter(jar -> jar.getFileName().toString().startsWith("spark-launcher_"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No spark-launcher jar in " + lib));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {launcher.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            String options = (String) loader.loadClass("org.apache.spark.launcher.JavaModuleOptions")
                    .getMethod("defaultModuleOptions").invoke(null);
            return Arrays.asList(options.trim().split("\\s+"));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read Spark's module options from " + launcher, e);
        }
    }

    String url(String options) {
        return "jdbc:hive2://127.0.0.1:" + port + "/default" + options;
    }

    /** One JVM is both the server and the cluster's driver. */
    MemoryWatch memory() {
        return new MemoryWatch(Optional.of(ClusterHeapProbe.of(process.pid())), Optional.empty());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
