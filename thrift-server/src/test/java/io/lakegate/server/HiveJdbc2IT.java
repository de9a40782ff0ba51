package io.lakegate.server;

import io.lakegate.server.SharedServer.RunningServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

/** The scripted session with the unmodified Hive JDBC 2.3.9 driver (standalone jar) over SASL. */
class HiveJdbc2IT extends ScriptedSessionTests {
    /** Unlike the later ones, this standalone jar does not bundle the Hadoop classes it uses. */
    private static final IsolatedDriver DRIVER = IsolatedDriver.load("lakegate.test.hive-jdbc-2-jar",
            "org.apache.hive.jdbc.HiveDriver", hadoopJars());

    @Override
    Connection connect(RunningServer server, String database) throws SQLException {
        return DRIVER.connect(server.jdbcUrl(database, ""), "tester", "any password");
    }

    private static List<Path> hadoopJars() {
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("lakegate.test.beeline-dir"), "hadoop"))) {
            return jars.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    String suffix() {
        return "hive2";
    }
}
