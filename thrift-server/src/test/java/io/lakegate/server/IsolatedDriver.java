package io.lakegate.server;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A third-party JDBC driver loaded from its jar in a class loader of its own, unmodified, so that the copies of
 * Hive's Thrift classes it bundles cannot meet the server's.
 */
final class IsolatedDriver {
    /** The Hive JDBC standalone driver. */
    static final IsolatedDriver HIVE_JDBC =
            load("lakegate.test.hive-jdbc-jar", "org.apache.hive.jdbc.HiveDriver");

    private final Driver driver;

    private IsolatedDriver(Driver driver) {
        this.driver = driver;
    }

    /** The driver class from the jar whose path the build passes in the system property. */
    static IsolatedDriver load(String jarProperty, String driverClass) {
        return load(jarProperty, driverClass, List.of());
    }

    /** The driver class as {@link #load(String, String)} loads it, with libraries it needs but does not bundle. */
    static IsolatedDriver load(String jarProperty, String driverClass, List<Path> libraries) {
        String jar = System.getProperty(jarProperty);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("System property " + jarProperty + " must name the driver's jar, is "
                    + jar);
        }
        try {
            List<URL> urls = new ArrayList<>();
            urls.add(Path.of(jar).toUri().toURL());
            for (Path library : libraries) {
                urls.add(library.toUri().toURL());
            }
            URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            return new IsolatedDriver((Driver) Class.forName(driverClass, true, loader)
                    .getDeclaredConstructor().newInstance());
        } catch (MalformedURLException | ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot load " + driverClass + " from " + jar, e);
        }
    }

    Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException("The driver does not accept " + url);
        }
        return connection;
    }
}
