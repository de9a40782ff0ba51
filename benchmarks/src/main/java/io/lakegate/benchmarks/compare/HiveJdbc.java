package io.lakegate.benchmarks.compare;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The unmodified Hive JDBC standalone driver, loaded from its jar in a class loader of its own so that the Thrift
 * classes it bundles never meet the ones of the harness's stand-in server.
 */
final class HiveJdbc {
    /** Where Maven keeps the driver that every server is measured with. */
    static final Path DEFAULT_JAR = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "apache",
            "hive", "hive-jdbc", "4.1.0", "hive-jdbc-4.1.0-standalone.jar");

    private final Driver driver;

    private HiveJdbc(Driver driver) {
        this.driver = driver;
    }

    static HiveJdbc load(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No Hive JDBC standalone jar at " + jar);
        }
        try {
            URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            return new HiveJdbc((Driver) Class.forName("org.apache.hive.jdbc.HiveDriver", true, loader)
                    .getDeclaredConstructor().newInstance());
        } catch (MalformedURLException | ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot load the Hive JDBC driver from " + jar, e);
        }
    }

    Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "bench");
        properties.setProperty("password", "bench");
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException("The driver does not accept " + url);
        }
        return connection;
    }
}
