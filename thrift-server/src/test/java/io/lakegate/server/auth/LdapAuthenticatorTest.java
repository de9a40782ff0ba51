package io.lakegate.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedResult;
import io.lakegate.common.LakegateException;
import io.lakegate.common.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LdapAuthenticatorTest {
    private static final String KEY = "lakegate.auth.ldap.";
    private static final List<String> INJECTIONS = List.of("*", "a*", "*)(uid=*", "alice)(uid=*", "alice)(|(uid=*)",
            "*)(|(objectClass=*)", "alice,ou=people", "alice,ou=people,dc=example,dc=com", "uid=alice", "alice+cn=x",
            "admin\\", "alice\\", "alice\\2a", "\\2a", "alice\u0000", "alice\u0000x", "ALICE)(", "#alice", "{dn}",
            "{0}");

    private LdapDirectory ldap;
    private final List<LdapAuthenticator> authenticators = new ArrayList<>();

    @BeforeEach
    void startDirectory() {
        ldap = LdapDirectory.start();
    }

    @AfterEach
    void stop() {
        authenticators.forEach(LdapAuthenticator::close);
        ldap.close();
    }

    @Test
    void patternModeLogsInWithTheGroupsOfMemberOf() {
        LdapAuthenticator ldapAuth = authenticator(ldap.patternSettings());
        assertThat(ldapAuth.authenticate("alice", ldap.password("alice")))
                .contains(new Identity("alice", Set.of("analysts")));
        assertThat(ldapAuth.authenticate("carol", ldap.password("carol")))
                .contains(new Identity("carol", Set.of("analysts", "finance")));
    }

    @Test
    void searchModeLogsInWithTheGroupsOfAGroupSearch() {
        LdapAuthenticator ldapAuth = authenticator(ldap.searchSettings());
        assertThat(ldapAuth.authenticate("bob", ldap.password("bob"))).contains(new Identity("bob", Set.of("auditors")));
        assertThat(ldapAuth.authenticate("carol", ldap.password("carol")))
                .contains(new Identity("carol", Set.of("analysts", "finance")));
    }

    @Test
    void groupSearchAndMemberOfAddUp() {
        ldap.addEntry("dn: cn=legacy,ou=services," + LdapDirectory.BASE_DN, "objectClass: groupOfNames",
                "cn: legacy", "member: " + ldap.userDn("alice"));
        LdapAuthenticator ldapAuth = authenticator(with(ldap.searchSettings(), "member-of-attribute", "memberOf",
                "group-search-base", "ou=services," + LdapDirectory.BASE_DN));
        assertThat(ldapAuth.authenticate("alice", ldap.password("alice")).orElseThrow().groups())
                .containsExactlyInAnyOrder("analysts", "legacy");
    }

    @Test
    void patternsAreTriedInTurn() {
        ldap.addEntry("dn: uid=dave,ou=services," + LdapDirectory.BASE_DN, "objectClass: inetOrgPerson", "uid: dave",
                "cn: dave", "sn: dave", "userPassword: dave-Secret4");
        LdapAuthenticator ldapAuth = authenticator(with(ldap.patternSettings(), "user-dn-pattern",
                "uid={0}," + LdapDirectory.PEOPLE_DN + " ; uid={0},ou=services," + LdapDirectory.BASE_DN));
        assertThat(ldapAuth.authenticate("dave", "dave-Secret4")).contains(Identity.of("dave"));
        assertThat(ldapAuth.authenticate("alice", ldap.password("alice"))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void wrongPasswordsAndUnknownUsersAreRefusedAlike(boolean search) {
        LdapAuthenticator ldapAuth = authenticator(search ? ldap.searchSettings() : ldap.patternSettings());
        assertThat(ldapAuth.authenticate("alice", ldap.password("bob"))).isEmpty();
        assertThat(ldapAuth.authenticate("alice", ldap.password("alice") + "x")).isEmpty();
        assertThat(ldapAuth.authenticate("mallory", ldap.password("alice"))).isEmpty();
        assertThat(ldapAuth.authenticate("alice", ldap.password("alice"))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anEmptyPasswordIsRefusedWithoutAskingTheServer(boolean search) {
        LdapAuthenticator ldapAuth = authenticator(search ? ldap.searchSettings() : ldap.patternSettings());
        ldap.stop();
        assertThat(ldapAuth.authenticate("alice", "")).isEmpty();
        assertThat(ldapAuth.authenticate("alice", null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void userNamesCannotInjectIntoDnsOrFilters(boolean search) {
        LdapAuthenticator ldapAuth = authenticator(search ? ldap.searchSettings() : ldap.patternSettings());
        for (String user : INJECTIONS) {
            assertThat(ldapAuth.authenticate(user, ldap.password("alice"))).as(user).isEmpty();
            assertThat(ldapAuth.groupsOf(user)).as(user).isEmpty();
        }
    }

    @Test
    void unreasonableUserNamesAreRefusedWithoutAskingTheServer() {
        LdapAuthenticator ldapAuth = authenticator(ldap.searchSettings());
        ldap.stop();
        for (String user : List.of("", " alice", "alice ", "alice\n", "al\u0007ice", "a".repeat(257), "ali\uD800ce")) {
            assertThat(ldapAuth.authenticate(user, "secret")).as(user).isEmpty();
            assertThat(ldapAuth.groupsOf(user)).as(user).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theIdentityIsTheNameTheEntryStoresNotTheOneTyped(boolean search) {
        LdapAuthenticator ldapAuth = authenticator(search ? ldap.searchSettings() : ldap.patternSettings());
        for (String typed : List.of("ALICE", "Alice", "aLiCe")) {
            assertThat(ldapAuth.authenticate(typed, ldap.password("alice"))).as(typed)
                    .contains(new Identity("alice", Set.of("analysts")));
        }
        for (String typed : List.of(" alice", "alice ", " ALICE ")) {
            assertThat(ldapAuth.authenticate(typed, ldap.password("alice"))).as(typed).isEmpty();
        }
        ldap.addUser("Dave.Smith", "dave-Secret4", "finance");
        assertThat(ldapAuth.authenticate("dave.smith", "dave-Secret4"))
                .contains(new Identity("Dave.Smith", Set.of("finance")));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anEntryWithTwoNamesIsRefused(boolean search) {
        LdapAuthenticator ldapAuth = authenticator(with(search ? ldap.searchSettings() : ldap.patternSettings(),
                "bind-dn", LdapDirectory.SERVICE_DN, "bind-password", LdapDirectory.SERVICE_PASSWORD));
        ldap.addValues(ldap.userDn("alice"), "uid", "asmith");
        assertThat(ldapAuth.authenticate("alice", ldap.password("alice"))).isEmpty();
        assertThat(ldapAuth.groupsOf("alice")).isEmpty();
        if (search) {
            assertThat(ldapAuth.authenticate("asmith", ldap.password("alice"))).isEmpty();
            assertThat(ldapAuth.groupsOf("asmith")).isEmpty();
        }
        assertThat(ldapAuth.authenticate("bob", ldap.password("bob")).orElseThrow().user()).isEqualTo("bob");
    }

    @Test
    void activeDirectoryStyleAccountNames() {
        String erin = "cn=Erin Example," + LdapDirectory.PEOPLE_DN;
        ldap.addEntry("dn: " + erin, "objectClass: user", "cn: Erin Example", "sAMAccountName: ErinE",
                "userPassword: erin-Secret5");
        ldap.addEntry("dn: cn=ad-users," + LdapDirectory.GROUPS_DN, "objectClass: groupOfNames", "cn: ad-users",
                "member: " + erin);
        LdapAuthenticator ldapAuth = authenticator(with(ldap.searchSettings(), "user-search-filter",
                "(&(objectClass=user)(sAMAccountName={0}))"));
        for (String typed : List.of("ErinE", "erine", "ERINE")) {
            assertThat(ldapAuth.authenticate(typed, "erin-Secret5")).as(typed)
                    .contains(new Identity("ErinE", Set.of("ad-users")));
        }
        assertThat(ldapAuth.authenticate("Erin Example", "erin-Secret5")).isEmpty();
        assertThat(ldapAuth.groupsOf("ErinE")).containsExactly("ad-users");
        assertThat(ldapAuth.groupsOf("erine")).isEmpty();
    }

    @Test
    void aNameAttributeOtherThanTheOneSearchedForNamesTheUser() {
        ldap.addValues(ldap.userDn("alice"), "mail", "Alice.Liddell@example.com");
        LdapAuthenticator ldapAuth = authenticator(with(ldap.searchSettings(), "user-search-filter",
                "(|(uid={0})(mail={0}))", "user-name-attribute", "uid"));
        for (String typed : List.of("alice", "alice.liddell@example.com", "ALICE")) {
            assertThat(ldapAuth.authenticate(typed, ldap.password("alice"))).as(typed)
                    .contains(new Identity("alice", Set.of("analysts")));
        }
        assertThat(ldapAuth.groupsOf("alice.liddell@example.com")).isEmpty();
        assertThat(ldapAuth.groupsOf("alice")).containsExactly("analysts");
    }

    @Test
    void aSearchMatchingSeveralEntriesIsRefused() {
        ldap.addEntry("dn: cn=alice twin," + LdapDirectory.PEOPLE_DN, "objectClass: inetOrgPerson", "uid: alice",
                "cn: alice twin", "sn: twin", "userPassword: " + ldap.password("alice"));
        LdapAuthenticator ldapAuth = authenticator(ldap.searchSettings());
        assertThat(ldapAuth.authenticate("alice", ldap.password("alice"))).isEmpty();
        assertThat(ldapAuth.groupsOf("alice")).isEmpty();
        assertThat(ldapAuth.authenticate("bob", ldap.password("bob"))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void groupAndPasswordChangesShowAtTheNextLogin(boolean search) {
        LdapAuthenticator ldapAuth = authenticator(search ? ldap.searchSettings() : ldap.patternSettings());
        String oldPassword = ldap.password("alice");
        assertThat(ldapAuth.authenticate("alice", oldPassword).orElseThrow().groups()).containsExactly("analysts");

        ldap.removeFromGroup("alice", "analysts");
        ldap.addToGroup("alice", "finance");
        ldap.setPassword("alice", "alice-Changed5");

        assertThat(ldapAuth.authenticate("alice", oldPassword)).isEmpty();
        assertThat(ldapAuth.authenticate("alice", "alice-Changed5").orElseThrow().groups()).containsExactly("finance");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aConnectionAUserBoundIsBoundBackBeforeItServesAgain(boolean search) throws Exception {
        LdapSettings settings = LdapSettings.from(Settings.of(with(search ? ldap.searchSettings()
                : ldap.patternSettings(), "pool-size", "1")));
        LDAPConnectionPool pool = LdapConnections.open(settings);
        try (LdapAuthenticator ldapAuth = new LdapAuthenticator(settings, pool)) {
            assertThat(ldapAuth.authenticate("alice", ldap.password("alice"))).isPresent();
            assertThat(ldapAuth.authenticate("bob", ldap.password("alice"))).isEmpty();
            assertThat(ldapAuth.authenticate("carol", ldap.password("carol"))).isPresent();

            LDAPConnection connection = pool.getConnection();
            try {
                WhoAmIExtendedResult whoAmI = (WhoAmIExtendedResult) connection.processExtendedOperation(
                        new WhoAmIExtendedRequest());
                assertThat(whoAmI.getAuthorizationID()).isEqualTo("dn:" + (search ? LdapDirectory.SERVICE_DN : ""));
            } finally {
                pool.releaseConnection(connection);
            }
            // The same connection served every login: binding back did not fail and close it.
            assertThat(pool.getConnectionPoolStatistics().getNumSuccessfulConnectionAttempts()).isEqualTo(1);
        }
    }

    @Test
    void groupsOfAUserFoundByTheServiceAccount() {
        LdapAuthenticator searching = authenticator(ldap.searchSettings());
        assertThat(searching.groupsOf("carol")).containsExactlyInAnyOrder("analysts", "finance");
        assertThat(searching.groupsOf("mallory")).isEmpty();

        LdapAuthenticator patternWithAccount = authenticator(with(ldap.patternSettings(), "bind-dn",
                LdapDirectory.SERVICE_DN, "bind-password", LdapDirectory.SERVICE_PASSWORD));
        assertThat(patternWithAccount.groupsOf("carol")).containsExactlyInAnyOrder("analysts", "finance");
        assertThat(patternWithAccount.groupsOf("mallory")).isEmpty();

        // An identity acted for keeps the name as requested, so only the stored name itself has the groups.
        for (String variant : List.of("CAROL", "Carol", "carOl")) {
            assertThat(searching.groupsOf(variant)).as(variant).isEmpty();
            assertThat(patternWithAccount.groupsOf(variant)).as(variant).isEmpty();
        }
    }

    @Test
    void withoutAServiceAccountGroupsOfKnowsNoGroups() {
        assertThat(authenticator(ldap.patternSettings()).groupsOf("carol")).isEmpty();
    }

    @Test
    void aWrongServiceAccountPasswordMakesLoginsUnavailableNotRefused() {
        LdapAuthenticator ldapAuth = authenticator(with(ldap.searchSettings(), "bind-password", "wrong"));
        assertThatThrownBy(() -> ldapAuth.authenticate("alice", ldap.password("alice")))
                .isInstanceOf(AuthenticationUnavailableException.class)
                .hasMessageContaining(ldap.url())
                .hasMessageNotContaining("wrong")
                .hasMessageNotContaining(ldap.password("alice"));
    }

    @Test
    void ldapsWithAPemOrPkcs12TrustFile() {
        Map<String, String> ldaps = with(ldap.searchSettings(), "url", ldap.ldapsUrl(), "trust-file",
                ldap.trustFile().toString());
        assertThat(authenticator(ldaps).authenticate("alice", ldap.password("alice"))).isPresent();
        assertThat(authenticator(with(ldaps, "trust-file", ldap.trustStore().toString(), "trust-password",
                LdapDirectory.TRUST_STORE_PASSWORD)).authenticate("alice", ldap.password("alice"))).isPresent();
    }

    @Test
    void anUnreadableTrustFileStopsTheStart(@TempDir Path temp) {
        Map<String, String> ldaps = with(ldap.patternSettings(), "url", ldap.ldapsUrl());
        assertThatThrownBy(() -> authenticator(with(ldaps, "trust-file", temp.resolve("missing.pem").toString())))
                .isInstanceOf(LakegateException.class).hasMessageContaining(KEY + "trust-file");
        assertThatThrownBy(() -> authenticator(with(ldaps, "trust-file", ldap.trustStore().toString(),
                "trust-password", "wrong")))
                .isInstanceOf(LakegateException.class).hasMessageContaining(KEY + "trust-file")
                .hasMessageNotContaining("wrong");
    }

    @Test
    void startTls() {
        LdapAuthenticator ldapAuth = authenticator(with(ldap.patternSettings(), "start-tls", "true", "trust-file",
                ldap.trustFile().toString()));
        assertThat(ldapAuth.authenticate("carol", ldap.password("carol")).orElseThrow().groups())
                .containsExactlyInAnyOrder("analysts", "finance");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anUntrustedCertificateMakesLoginsUnavailable(boolean startTls, @TempDir Path temp) throws Exception {
        Map<String, String> base = startTls
                ? with(ldap.patternSettings(), "start-tls", "true")
                : with(ldap.patternSettings(), "url", ldap.ldapsUrl());
        Path otherCa = temp.resolve("other-ca.pem");
        Files.writeString(otherCa, someJvmCaCertificate());
        String hostNameMismatch = (startTls ? ldap.url() : ldap.ldapsUrl()).replace("127.0.0.1", "localhost");
        List<Map<String, String>> untrusted = List.of(base, with(base, "trust-file", otherCa.toString()),
                with(base, "trust-file", ldap.trustFile().toString(), "url", hostNameMismatch));
        for (Map<String, String> settings : untrusted) {
            LdapAuthenticator ldapAuth = authenticator(settings);
            assertThatThrownBy(() -> ldapAuth.authenticate("alice", ldap.password("alice"))).as(settings.toString())
                    .isInstanceOf(AuthenticationUnavailableException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aStoppedServerMakesLoginsUnavailable(boolean search) {
        LdapAuthenticator ldapAuth = authenticator(search ? ldap.searchSettings() : ldap.patternSettings());
        assertThat(ldapAuth.authenticate("alice", ldap.password("alice"))).isPresent();
        String url = ldap.url();
        ldap.stop();
        long start = System.nanoTime();
        assertThatThrownBy(() -> ldapAuth.authenticate("alice", ldap.password("alice")))
                .isInstanceOf(AuthenticationUnavailableException.class)
                .hasMessageContaining(url)
                .hasMessageNotContaining(ldap.password("alice"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        if (search) {
            assertThatThrownBy(() -> ldapAuth.groupsOf("alice")).isInstanceOf(AuthenticationUnavailableException.class);
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            acceptor.start();
            LdapAuthenticator ldapAuth = authenticator(with(ldap.searchSettings(), "url",
                    "ldap://127.0.0.1:" + silent.getLocalPort(), "connect-timeout", "500ms", "response-timeout",
                    "500ms"));
            long start = System.nanoTime();
            assertThatThrownBy(() -> ldapAuth.authenticate("alice", ldap.password("alice")))
                    .isInstanceOf(AuthenticationUnavailableException.class)
                    .hasMessageContaining("ldap://127.0.0.1:" + silent.getLocalPort());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            silent.close();
            acceptor.join();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void theNextUrlIsTriedWhenOneCannotBeReached() throws IOException {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }
        LdapAuthenticator ldapAuth = authenticator(with(ldap.searchSettings(), "url",
                "ldap://127.0.0.1:" + closedPort + " " + ldap.url()));
        assertThat(ldapAuth.authenticate("alice", ldap.password("alice"))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void concurrentLoginsShareASmallPool(boolean search) throws Exception {
        LdapAuthenticator ldapAuth = authenticator(with(search ? ldap.searchSettings() : ldap.patternSettings(),
                "pool-size", "2"));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> logins = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String user = List.of("alice", "bob", "carol").get(i % 3);
                boolean right = i % 4 != 0;
                Callable<Boolean> login = () -> {
                    Optional<Identity> identity = ldapAuth.authenticate(user,
                            right ? ldap.password(user) : ldap.password("alice") + "!");
                    return identity.isPresent() == right
                            && identity.map(id -> id.user().equals(user) && !id.groups().isEmpty()).orElse(true);
                };
                logins.add(threads.submit(login));
            }
            for (Future<Boolean> login : logins) {
                assertThat(login.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(ldapAuth.groupsOf("bob")).isEqualTo(search ? Set.of("auditors") : Set.of());
    }

    private LdapAuthenticator authenticator(Map<String, String> settings) {
        LdapAuthenticator authenticator = LdapAuthenticator.from(Settings.of(settings));
        authenticators.add(authenticator);
        return authenticator;
    }

    /** The settings with more keys (without the lakegate.auth.ldap. prefix) set or replaced. */
    static Map<String, String> with(Map<String, String> settings, String... keysAndValues) {
        Map<String, String> result = new HashMap<>(settings);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            result.put(KEY + keysAndValues[i], keysAndValues[i + 1]);
        }
        return result;
    }

    private static String someJvmCaCertificate() throws Exception {
        KeyStore cacerts = KeyStore.getInstance(Path.of(System.getProperty("java.home"), "lib", "security",
                "cacerts").toFile(), "changeit".toCharArray());
        Certificate certificate = cacerts.getCertificate(cacerts.aliases().nextElement());
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
