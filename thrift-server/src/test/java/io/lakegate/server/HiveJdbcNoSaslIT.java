package io.lakegate.server;

import io.lakegate.server.SharedServer.RunningServer;
import java.sql.Connection;
import java.sql.SQLException;

/** The scripted session with the unmodified Hive JDBC driver over the binary transport without SASL. */
class HiveJdbcNoSaslIT extends ScriptedSessionTests {
    @Override
    Connection connect(RunningServer server, String database) throws SQLException {
        return IsolatedDriver.HIVE_JDBC.connect(server.jdbcUrl(database, ";auth=noSasl"), "tester", "ignored");
    }

    @Override
    String suffix() {
        return "nosasl";
    }
}
