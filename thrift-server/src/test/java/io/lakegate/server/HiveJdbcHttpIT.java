package io.lakegate.server;

import io.lakegate.server.SharedServer.RunningServer;
import java.sql.Connection;
import java.sql.SQLException;

/** The scripted session with the unmodified Hive JDBC driver over the HTTP transport. */
class HiveJdbcHttpIT extends ScriptedSessionTests {
    @Override
    Connection connect(RunningServer server, String database) throws SQLException {
        return IsolatedDriver.HIVE_JDBC.connect(server.httpJdbcUrl(database), "tester", "any password");
    }

    @Override
    String suffix() {
        return "http";
    }
}
