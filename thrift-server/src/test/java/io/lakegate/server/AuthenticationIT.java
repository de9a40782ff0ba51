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
import io.lakegate.server.tls.TestCertificates;
import java.io.ByteArrayInputStream;
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
import org.apache.hive.service.rpc.thrift.TGetInfoResp;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.apache.hive.service.rpc.thrift.TStatusCode;
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
 * the server says, so the messages are what the tests compare) to servers that check who clients are, on the shared
 * engine, in clear and over TLS: a users file, an LDAP directory and signed tokens; the policies then see the proven
 * user and groups, wrong credentials are refused alike over both transports, a client address that keeps failing
 * waits, a service account acts for the users it is allowed to, and no password reaches the log.
 */
@ExtendWith(SharedServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticationIT {
    private static final String REFUSED = "Authentication failed: the user name or password is wrong";

    private RunningServer shared;
    private Path directory;
    private ThriftServer secured;
    private ThriftServer securedWithTls;
    private TestCertificates certificates;
    private JwksServer jwks;
    private LdapDirectory ldap;
    /** What no log line may hold: every password and token the tests send, right or wrong. */
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private final Logger serverLogger = (Logger) LoggerFactory.getLogger("io.lakegate.server");
    private LogWatch logs;

    /** The ways in: each transport, in clear and over TLS (to a second server with the same authentication). */
    enum Way {
        BINARY(false, false), HTTP(true, false), BINARY_TLS(false, true), HTTP_TLS(true, true);

        final boolean http;
        final boolean tls;

        Way(boolean http, boolean tls) {
            this.http = http;
            this.tls = tls;
        }
    }

    @BeforeAll
    void startASecuredServer(RunningServer server) throws Exception {
        shared = server;
        logs = new LogWatch();
        serverLogger.setLevel(Level.DEBUG);
        // A directory of its own each run: the certificates and users files of an earlier run must not linger.
        directory = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "it-auth-").toAbsolutePath();
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
        certificates = TestCertificates.create(Files.createDirectories(directory.resolve("tls")));
        settings.putAll(certificates.serverSettings());
        securedWithTls = start(settings);
    }

    @AfterAll
    void stop() {
        if (secured != null) {
            secured.close();
        }
        if (securedWithTls != null) {
            securedWithTls.close();
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
    @EnumSource(names = {"BINARY", "HTTP_TLS"})
    void aDirectoryUserGetsTheGroupsTheDirectoryGivesAndAChangeHoldsFromTheNextSession(Way way)
            throws SQLException {
        // carol is in no users file: analysts comes from the directory.
        String url = url(way, "");
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
        assertThat(refusal(url, "carol", "not carol's")).contains(way.http ? "401" : REFUSED);
    }

    @Test
    void aServiceAccountActsForADirectoryUserWithTheirDirectoryGroups() throws SQLException {
        assertThat(rows(url(Way.BINARY, ";hive.server2.proxy.user=carol"), "tableau", "dashboards",
                "SELECT current_user(), count(*) FROM jauth.customers")).containsExactly(List.of("carol", "2"));
    }

    @ParameterizedTest
    @EnumSource(names = {"HTTP", "HTTP_TLS"})
    void aSignedTokenLogsInOverHttpWithTheGroupsItsClaimsGive(Way way) throws SQLException {
        // dora is in no users file: her groups come from the token alone.
        String url = url(way, ";auth=jwt;jwt=" + secret(jwks.token("dora", "analysts")));
        assertThat(rows(url, "", "", "SELECT current_user(), count(*) FROM jauth.customers"))
                .containsExactly(List.of("dora", "2"));
        String noGroups = url(way, ";auth=jwt;jwt=" + secret(jwks.token("dora")));
        assertThatThrownBy(() -> rows(noGroups, "", "", "SELECT id FROM jauth.customers"))
                .isInstanceOf(SQLException.class).hasMessageContaining("dora");
    }

    @Test
    void anHttpClientLogsInOnceAndThenSendsItsCookie() throws SQLException {
        String url = url(Way.HTTP, ";auth=jwt;jwt=" + secret(jwks.token("erin", "analysts")));
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
            assertThat(refusal(url(Way.HTTP, ";auth=jwt;jwt=" + secret(token)), "", ""))
                    .contains("401");
        }
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aUserWithTheRightPasswordGetsTheirGroupsPolicies(Way way) throws SQLException {
        // alice is in analysts (the policies' users file): EU rows only, phones masked.
        assertThat(rows(url(way, ""), "alice", "wonderland",
                "SELECT id, phone FROM jauth.customers ORDER BY id"))
                .containsExactly(List.of("1", "+xxx xx xxx 0101"), List.of("3", "+xx x xxxx 0103"));
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aWrongPasswordAndAnUnknownUserAreRefusedAlikeAndTheServerGoesOn(Way way) throws SQLException {
        String url = url(way, "");
        String wrongPassword = refusal(url, "alice", "not her password");
        String unknownUser = refusal(url, "mallory", "wonderland");
        if (!way.http) {
            assertThat(wrongPassword).contains(REFUSED);
        } else {
            assertThat(wrongPassword).contains("401");
        }
        assertThat(unknownUser.replace("mallory", "alice")).isEqualTo(wrongPassword);
        assertThat(rows(url, "alice", "wonderland", "SELECT count(*) FROM jauth.customers")).containsExactly(
                List.of("2"));
    }

    @ParameterizedTest
    @EnumSource(names = {"BINARY_TLS", "HTTP"})
    void beelineLogsInWithAPasswordAndIsRefusedWithoutTheRightOne(Way way) throws Exception {
        Beeline beeline = Beeline.find();
        Path sql = Files.writeString(directory.resolve("auth-" + way + ".sql"),
                "SELECT id FROM jauth.customers ORDER BY id;\n");
        Beeline.Run run = beeline.run(url(way, ""), "alice", "wonderland", sql, directory);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.lines()).containsSubsequence("id", "1", "3").doesNotContain("2");

        Beeline.Run refused = beeline.run(url(way, ""), "alice", "guess", sql, directory);
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains(way.http ? "401" : REFUSED)
                .doesNotContain("guess");
    }

    @Test
    void beelineLogsInThroughTheDirectoryAndWithAToken() throws Exception {
        Beeline beeline = Beeline.find();
        Path sql = Files.writeString(directory.resolve("auth-mechanisms.sql"),
                "SELECT current_user(), count(*) AS visible FROM jauth.customers;\n");
        Beeline.Run directoryUser = beeline.run(url(Way.BINARY, ""), "carol", ldap.password("carol"), sql, directory);
        assertThat(directoryUser.exitCode()).as(directoryUser.output()).isZero();
        assertThat(directoryUser.lines()).contains("carol,2");

        String token = secret(jwks.token("dora", "analysts"));
        // With auth=jwt the driver sends the token alone; the user name and password it is given go nowhere.
        Beeline.Run tokenUser = beeline.run(url(Way.HTTP_TLS, ";auth=jwt;jwt=" + token), "ignored", "ignored", sql,
                directory);
        assertThat(tokenUser.exitCode()).as(tokenUser.output()).isZero();
        assertThat(tokenUser.lines()).contains("dora,2");
    }

    @Test
    void aSessionHandleServesOnlyTheAccountThatOpenedIt() throws Exception {
        TSessionHandle alices = new ThriftOverHttp(secured.httpAddress(), "alice", "wonderland").openSession();
        ThriftOverHttp tableau = new ThriftOverHttp(secured.httpAddress(), "tableau", "dashboards");
        tableau.openSession();
        TGetInfoResp stolen = tableau.info(alices);
        assertThat(stolen.getStatus().getStatusCode()).isEqualTo(TStatusCode.ERROR_STATUS);
        assertThat(stolen.getStatus().getErrorMessage()).startsWith("Invalid session handle");
        // HTTP sessions outlive connections: alice, logging in again, still has hers.
        ThriftOverHttp aliceAgain = new ThriftOverHttp(secured.httpAddress(), "alice", "wonderland");
        aliceAgain.openSession();
        assertThat(aliceAgain.info(alices).getStatus().getStatusCode()).isEqualTo(TStatusCode.SUCCESS_STATUS);
    }

    @Test
    void aNoSaslClientCannotLogInToAServerThatChecksPasswords() {
        assertThatThrownBy(() -> rows(url(Way.BINARY, ";auth=noSasl"), "alice", "wonderland",
                "SELECT 1"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("This server requires authentication").hasMessageNotContaining("Exception");
    }

    @ParameterizedTest
    @EnumSource(names = {"BINARY", "HTTP_TLS"})
    void aServiceAccountActsForAUserWhosePoliciesThenApply(Way way) throws SQLException {
        assertThat(rows(url(way, ";hive.server2.proxy.user=alice"), "tableau", "dashboards",
                "SELECT id FROM jauth.customers ORDER BY id")).containsExactly(List.of("1"), List.of("3"));
        assertThat(rows(url(way, ";hive.server2.proxy.user=alice"), "tableau", "dashboards",
                "SELECT current_user()")).containsExactly(List.of("alice"));
        assertThatThrownBy(() -> rows(url(way, ";hive.server2.proxy.user=tableau"), "alice",
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
            String url = url(throttled, Way.BINARY, "");
            refusal(url, "alice", "guess 1");
            refusal(url, "bob", "guess 2");
            assertThat(refusal(url, "alice", "wonderland")).contains("Too many failed logins from 127.0.0.1");
            assertThat(refusal(url(throttled, Way.HTTP, ""), "alice", "wonderland")).contains("401");
        }
        assertThat(rows(url(Way.BINARY, ""), "alice", "wonderland", "SELECT 1"))
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

    private String url(Way way, String sessionSettings) {
        return url(way.tls ? securedWithTls : secured, way, sessionSettings);
    }

    private String url(ThriftServer server, Way way, String sessionSettings) {
        int port = way.http ? server.httpAddress().getPort() : server.address().getPort();
        return "jdbc:hive2://127.0.0.1:" + port + "/default"
                + (way.http ? ";transportMode=http;httpPath=cliservice" : "")
                + (way.tls ? ";ssl=true;sslTrustStore=" + certificates.trustStore() + ";trustStorePassword="
                        + TestCertificates.PASSWORD : "")
                + sessionSettings;
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
