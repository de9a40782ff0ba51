package io.lakegate.server;

import io.lakegate.server.SharedServer.RunningServer;
import java.sql.Connection;
import java.sql.SQLException;

/** The scripted session with the unmodified Kyuubi Hive JDBC driver (shaded) over the binary transport with SASL. */
class KyuubiJdbcIT extends ScriptedSessionTests {
    private static final IsolatedDriver KYUUBI_JDBC =
            IsolatedDriver.load("lakegate.test.kyuubi-jdbc-jar", "org.apache.kyuubi.jdbc.KyuubiHiveDriver");

    @Override
    Connection connect(RunningServer server, String database) throws SQLException {
        return KYUUBI_JDBC.connect(server.jdbcUrl(database, ""), "tester", "any password");
    }

    @Override
    String suffix() {
        return "kyuubi";
    }
}
