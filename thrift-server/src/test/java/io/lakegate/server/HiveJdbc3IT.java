package io.lakegate.server;

import io.lakegate.server.SharedServer.RunningServer;
import java.sql.Connection;
import java.sql.SQLException;

/** The scripted session with the unmodified Hive JDBC 3.1.3 driver (standalone jar) over SASL. */
class HiveJdbc3IT extends ScriptedSessionTests {
    private static final IsolatedDriver DRIVER =
            IsolatedDriver.load("lakegate.test.hive-jdbc-3-jar", "org.apache.hive.jdbc.HiveDriver");

    @Override
    Connection connect(RunningServer server, String database) throws SQLException {
        return DRIVER.connect(server.jdbcUrl(database, ""), "tester", "any password");
    }

    @Override
    String suffix() {
        return "hive3";
    }
}
