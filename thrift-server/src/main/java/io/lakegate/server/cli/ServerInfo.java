package io.lakegate.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions GetInfo reports, as the Maven build wrote them. */
record ServerInfo(String lakegateVersion, String sparkVersion) {
    static final String SERVER_NAME = "Lakegate";
    static final String DBMS_NAME = "Spark SQL";

    static ServerInfo fromBuild() {
        Properties properties = new Properties();
        try (InputStream in = ServerInfo.class.getResourceAsStream("versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("versions.properties is missing from the server's jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServerInfo(properties.getProperty("lakegate.version"), properties.getProperty("spark.version"));
    }
}
