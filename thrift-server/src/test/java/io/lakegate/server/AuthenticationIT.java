package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.lakegate.common.Settings;
import io.lakegate.server.SharedServer.RunningServer;
import io.lakegate.server.auth.JwksServer;
import io.lakegate.server.auth.LdapDirectory;
import io.lakegate.server.auth.PasswordFileTool;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * Logging in with the unmodified Hive JDBC driver (which reports every failed OpenSession as SQLSTATE 08S01, whatever
 * the server says, so the messages are what the tests compare) to a server that checks who clients are, on the shared engine: the
 * policies then see the proven user and groups, wrong credentials are refused alike over both transports, a client
 * address that keeps failing waits, and a service account acts for the users it is allowed to.
 */
@ExtendWith(SharedServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticationIT {
    private static final String REFUSED = "Authentication failed: the user name or password is wrong";

    private RunningServer shared;
    private Path directory;
    private ThriftServer secured;
    private JwksServer jwks;
    private LdapDirectory ldap;
    /** What no log line may hold: every password and token the tests send, right or wrong. */
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private final Logger serverLogger = (Logger) LoggerFactory.getLogger("io.lakegate.server");
    private LogWatch logs;

    /** The transports, with how Hive JDBC reaches each. */
    enum Transport {
        BINARY, HTTP;

        String url(ThriftServer server, String sessionSettings) {
            return this == BINARY
                    ? "jdbc:hive2://127.0.0.1:" + server.address().getPort() + "/default" + sessionSettings
                    : "jdbc:hive2://127.0.0.1:" + server.httpAddress().getPort() + "/default"
                            + ";transportMode=http;httpPath=cliservice" + sessionSettings;
        }
    }

    @BeforeAll
    void startASecuredServer(RunningServer server) throws Exception {
        shared = server;
        logs = new LogWatch();
        serverLogger.setLevel(Level.DEBUG);
        directory = Files.createDirectories(Path.of("target", "it-auth").toAbsolutePath());
        try (Connection admin = IsolatedDriver.HIVE_JDBC.connect(server.jdbcUrl("default", ""), "tester", "-");
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE NAMESPACE IF NOT EXISTS jauth");
            statement.execute("CREATE TABLE IF NOT EXISTS jauth.customers (id INT, name STRING, region STRING, "
                    + "phone STRING) USING iceberg");
            statement.execute("INSERT OVERWRITE jauth.customers VALUES (1, 'Ana', 'EU', '+351 21 555 0101'), "
                    + "(2, 'Ben', 'US', '+1 212 555 0102'), (3, 'Cleo', 'EU', '+33 1 5555 0103')");
        }
        try (InputStream in = getClass().getResourceAsStream("/policy/jdbc-policies.json")) {
            String policies = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\"jpol\"", "\"jauth\"");
            Path temporary = SharedServer.POLICY_FILE.resolveSibling("policies.json.tmp");
            Files.writeString(temporary, policies);
            Files.move(temporary, SharedServer.POLICY_FILE, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        Path users = directory.resolve("users.passwd");
        Files.deleteIfExists(users);
        addUser(users, "alice", "wonderland");
        addUser(users, "tableau", "dashboards");
        jwks = JwksServer.start();
        ldap = LdapDirectory.start();
        Map<String, String> settings = new LinkedHashMap<>(jwks.settings());
        settings.putAll(ldap.searchSettings());
        settings.putAll(Map.of("lakegate.auth.mechanisms", "FILE,LDAP,JWT", "lakegate.auth.file.path",
                users.toString(), "lakegate.auth.proxy-users", "tableau=*"));
        secured = start(settings);
    }

    @AfterAll
    void stop() {
        if (secured != null) {
            secured.close();
        }
        if (jwks != null) {
            jwks.close();
        }
        if (ldap != null) {
            ldap.close();
        }
        serverLogger.setLevel(null);
        logs.close();
        assertThat(logs.lines()).as("log lines").isNotEmpty()
                .noneMatch(line -> secrets.stream().anyMatch(line::contains));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aDirectoryUserGetsTheGroupsTheDirectoryGivesAndAChangeHoldsFromTheNextSession(Transport transport)
            throws SQLException {
        // carol is in no users file: analysts comes from the directory.
        String url = transport.url(secured, "");
        String password = ldap.password("carol");
        assertThat(rows(url, "carol", password, "SELECT id FROM jauth.customers ORDER BY id"))
                .containsExactly(List.of("1"), List.of("3"));
        ldap.removeFromGroup("carol", "analysts");
        try {
            assertThatThrownBy(() -> rows(url, "carol", password, "SELECT id FROM jauth.customers"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("carol");
        } finally {
            ldap.addToGroup("carol", "analysts");
        }
        assertThat(refusal(url, "carol", "not carol's")).contains(transport == Transport.BINARY ? REFUSED : "401");
    }

    @Test
    void aServiceAccountActsForADirectoryUserWithTheirDirectoryGroups() throws SQLException {
        assertThat(rows(Transport.BINARY.url(secured, ";hive.server2.proxy.user=carol"), "tableau", "dashboards",
                "SELECT current_user(), count(*) FROM jauth.customers")).containsExactly(List.of("carol", "2"));
    }

    @Test
    void aSignedTokenLogsInOverHttpWithTheGroupsItsClaimsGive() throws SQLException {
        // dora is in no users file: her groups come from the token alone.
        String url = Transport.HTTP.url(secured, ";auth=jwt;jwt=" + secret(jwks.token("dora", "analysts")));
        assertThat(rows(url, "", "", "SELECT current_user(), count(*) FROM jauth.customers"))
                .containsExactly(List.of("dora", "2"));
        String noGroups = Transport.HTTP.url(secured, ";auth=jwt;jwt=" + secret(jwks.token("dora")));
        assertThatThrownBy(() -> rows(noGroups, "", "", "SELECT id FROM jauth.customers"))
                .isInstanceOf(SQLException.class).hasMessageContaining("dora");
    }

    @Test
    void anHttpClientLogsInOnceAndThenSendsItsCookie() throws SQLException {
        String url = Transport.HTTP.url(secured, ";auth=jwt;jwt=" + secret(jwks.token("erin", "analysts")));
        try (Connection connection = IsolatedDriver.HIVE_JDBC.connect(url, "", "");
                Statement statement = connection.createStatement()) {
            for (int i = 0; i < 3; i++) {
                try (ResultSet result = statement.executeQuery("SELECT count(*) FROM jauth.customers")) {
                    assertThat(result.next()).isTrue();
                }
            }
        }
        assertThat(logs.lines()).as("logins").filteredOn("JWT accepted for user erin"::equals).hasSize(1);
    }

    @Test
    void anExpiredOrForeignTokenIsRefused() {
        String expired = jwks.tokenBuilder().user("dora").expiresIn(Duration.ofMinutes(-10)).sign();
        String foreign = jwks.tokenBuilder().user("dora").key(JwksServer.newRsaKey("rsa-1")).sign();
        for (String token : List.of(expired, foreign, "not.a.token")) {
            assertThat(refusal(Transport.HTTP.url(secured, ";auth=jwt;jwt=" + secret(token)), "", ""))
                    .contains("401");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aUserWithTheRightPasswordGetsTheirGroupsPolicies(Transport transport) throws SQLException {
        // alice is in analysts (the policies' users file): EU rows only, phones masked.
        assertThat(rows(transport.url(secured, ""), "alice", "wonderland",
                "SELECT id, phone FROM jauth.customers ORDER BY id"))
                .containsExactly(List.of("1", "+xxx xx xxx 0101"), List.of("3", "+xx x xxxx 0103"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aWrongPasswordAndAnUnknownUserAreRefusedAlikeAndTheServerGoesOn(Transport transport) throws SQLException {
        String url = transport.url(secured, "");
        String wrongPassword = refusal(url, "alice", "not her password");
        String unknownUser = refusal(url, "mallory", "wonderland");
        if (transport == Transport.BINARY) {
            assertThat(wrongPassword).contains(REFUSED);
        } else {
            assertThat(wrongPassword).contains("401");
        }
        assertThat(unknownUser.replace("mallory", "alice")).isEqualTo(wrongPassword);
        assertThat(rows(url, "alice", "wonderland", "SELECT count(*) FROM jauth.customers")).containsExactly(
                List.of("2"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void beelineLogsInWithAPasswordAndIsRefusedWithoutTheRightOne(Transport transport) throws Exception {
        Beeline beeline = Beeline.find();
        Path sql = Files.writeString(directory.resolve("auth-" + transport + ".sql"),
                "SELECT id FROM jauth.customers ORDER BY id;\n");
        Beeline.Run run = beeline.run(transport.url(secured, ""), "alice", "wonderland", sql, directory);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.lines()).containsSubsequence("id", "1", "3").doesNotContain("2");

        Beeline.Run refused = beeline.run(transport.url(secured, ""), "alice", "guess", sql, directory);
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains(transport == Transport.BINARY ? REFUSED : "401")
                .doesNotContain("guess");
    }

    @Test
    void aNoSaslClientCannotLogInToAServerThatChecksPasswords() {
        assertThatThrownBy(() -> rows(Transport.BINARY.url(secured, ";auth=noSasl"), "alice", "wonderland",
                "SELECT 1"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("This server requires authentication").hasMessageNotContaining("Exception");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aServiceAccountActsForAUserWhosePoliciesThenApply(Transport transport) throws SQLException {
        assertThat(rows(transport.url(secured, ";hive.server2.proxy.user=alice"), "tableau", "dashboards",
                "SELECT id FROM jauth.customers ORDER BY id")).containsExactly(List.of("1"), List.of("3"));
        assertThat(rows(transport.url(secured, ";hive.server2.proxy.user=alice"), "tableau", "dashboards",
                "SELECT current_user()")).containsExactly(List.of("alice"));
        assertThatThrownBy(() -> rows(transport.url(secured, ";hive.server2.proxy.user=tableau"), "alice",
                "wonderland", "SELECT 1"))
                .isInstanceOf(SQLException.class).hasMessageContaining("User alice may not act for tableau");
    }

    @Test
    void anAddressThatKeepsFailingWaitsEvenWithTheRightPassword() throws Exception {
        Path users = directory.resolve("throttled.passwd");
        Files.deleteIfExists(users);
        addUser(users, "alice", "wonderland");
        try (ThriftServer throttled = start(Map.of("lakegate.auth.mechanisms", "FILE",
                "lakegate.auth.file.path", users.toString(), "lakegate.auth.max-failures", "2",
                "lakegate.auth.failure-backoff", "10m"))) {
            String url = Transport.BINARY.url(throttled, "");
            refusal(url, "alice", "guess 1");
            refusal(url, "bob", "guess 2");
            assertThat(refusal(url, "alice", "wonderland")).contains("Too many failed logins from 127.0.0.1");
            assertThat(refusal(Transport.HTTP.url(throttled, ""), "alice", "wonderland")).contains("401");
        }
        assertThat(rows(Transport.BINARY.url(secured, ""), "alice", "wonderland", "SELECT 1"))
                .as("another server's throttle is its own").containsExactly(List.of("1"));
    }

    /** Keeps a password, or a token's signature (its header and claims are no secret), out of the logs. */
    private String secret(String text) {
        String secret = text.substring(text.lastIndexOf('.') + 1);
        // Shorter ones ("token" of not.a.token) are words the log may well hold for other reasons.
        if (secret.length() >= 6) {
            secrets.add(secret);
        }
        return text;
    }

    private ThriftServer start(Map<String, String> authentication) {
        Map<String, String> settings = new LinkedHashMap<>(Map.of("lakegate.server.host", "127.0.0.1",
                "lakegate.server.port", "0", "lakegate.server.http.port", "0"));
        settings.putAll(authentication);
        return ThriftServer.start(shared.engine(), Settings.of(settings));
    }

    private void addUser(Path users, String user, String password) {
        secret(password);
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            assertThat(PasswordFileTool.run(List.of(users.toString(), user), quiet, System.err)).isZero();
        } finally {
            System.setIn(stdin);
        }
    }

    private String refusal(String url, String user, String password) {
        secret(password);
        try (Connection ignored = IsolatedDriver.HIVE_JDBC.connect(url, user, password)) {
            throw new AssertionError(user + " logged in to " + url);
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private List<List<String>> rows(String url, String user, String password, String sql)
            throws SQLException {
        secret(password);
        try (Connection connection = IsolatedDriver.HIVE_JDBC.connect(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
