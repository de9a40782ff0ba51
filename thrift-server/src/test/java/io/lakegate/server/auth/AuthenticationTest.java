package io.lakegate.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.common.LakegateException;
import io.lakegate.common.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthenticationTest {
    private final AtomicLong nanos = new AtomicLong();

    @TempDir
    Path directory;

    @Test
    void noneTakesTheGivenNameAndAnyPassword() {
        Authentication none = Authentication.none();
        assertThat(none.required()).isFalse();
        assertThat(none.login("alice", "", "10.0.0.1")).isEqualTo(Identity.of("alice"));
        assertThatThrownBy(() -> none.loginWithToken("a.b.c", "10.0.0.1")).hasMessageContaining("no bearer tokens");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserAreRefusedAlike() throws IOException {
        Authentication file = file(Map.of());
        assertThat(file.login("alice", "wonderland", "10.0.0.1")).isEqualTo(Identity.of("alice"));
        String wrongPassword = refusal(() -> file.login("alice", "wrong", "10.0.0.2"));
        String unknownUser = refusal(() -> file.login("mallory", "wonderland", "10.0.0.3"));
        String emptyPassword = refusal(() -> file.login("alice", "", "10.0.0.4"));
        assertThat(List.of(wrongPassword, unknownUser, emptyPassword)).containsOnly(Authentication.REFUSED);
    }

    @Test
    void anAddressThatFailsTooOftenWaitsLongerAfterEachFailureAndASuccessClearsIt() throws IOException {
        Authentication file = file(Map.of("lakegate.auth.max-failures", "3", "lakegate.auth.failure-backoff", "10s",
                "lakegate.auth.max-failure-backoff", "1m"));
        for (int i = 0; i < 3; i++) {
            assertThat(refusal(() -> file.login("alice", "wrong", "10.0.0.9"))).isEqualTo(Authentication.REFUSED);
        }
        assertThat(refusal(() -> file.login("alice", "wonderland", "10.0.0.9")))
                .as("even the right password waits").isEqualTo("Too many failed logins from 10.0.0.9; try again in 10 s");
        assertThat(file.login("alice", "wonderland", "10.0.0.8")).as("other addresses go on").isNotNull();

        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        refusal(() -> file.login("alice", "wrong", "10.0.0.9"));
        assertThat(refusal(() -> file.login("alice", "wonderland", "10.0.0.9"))).endsWith("try again in 20 s");
        nanos.addAndGet(Duration.ofSeconds(20).toNanos());
        assertThat(file.login("alice", "wonderland", "10.0.0.9")).isEqualTo(Identity.of("alice"));
        assertThat(refusal(() -> file.login("alice", "wrong", "10.0.0.9"))).as("the record was cleared")
                .isEqualTo(Authentication.REFUSED);
    }

    @Test
    void theWaitStopsAtItsCapAndAQuietAddressStartsAfresh() {
        LoginThrottle throttle = new LoginThrottle(1, Duration.ofSeconds(1), Duration.ofSeconds(30), nanos::get);
        for (int i = 0; i < 100; i++) {
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.waitFor("10.0.0.1")).contains(Duration.ofSeconds(30));
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(throttle.waitFor("10.0.0.1")).isEmpty();
        throttle.failed("10.0.0.1");
        assertThat(throttle.waitFor("10.0.0.1")).contains(Duration.ofSeconds(1));
    }

    @Test
    void anAccountActsOnlyForTheUsersItIsAllowed() throws IOException {
        Authentication file = file(Map.of("lakegate.auth.proxy-users", "tableau=*; etl = alice, bob"));
        Identity tableau = Identity.of("tableau");
        assertThat(file.actFor(tableau, "carol")).isEqualTo(Identity.of("carol"));
        assertThat(file.actFor(Identity.of("etl"), "bob")).isEqualTo(Identity.of("bob"));
        assertThat(file.actFor(Identity.of("etl"), "etl")).as("itself").isEqualTo(Identity.of("etl"));
        assertThatThrownBy(() -> file.actFor(Identity.of("etl"), "carol")).isInstanceOf(LakegateException.class)
                .hasMessage("User etl may not act for carol (see lakegate.auth.proxy-users)");
        assertThatThrownBy(() -> file.actFor(Identity.of("alice"), "bob"))
                .hasMessageContaining("may not act for bob");
        assertThatThrownBy(() -> file.actFor(tableau, "carol\nforged log line"))
                .isInstanceOf(LakegateException.class).hasMessageContaining("may not act for");
    }

    @Test
    void actingForAUserTakesTheGroupsTheMechanismsKnowAndFailsClosedWhenThatCannotBeAsked() {
        PasswordAuthenticator directory = new PasswordAuthenticator() {
            @Override
            public Optional<Identity> authenticate(String user, String password) {
                return Optional.empty();
            }

            @Override
            public Set<String> groupsOf(String user) {
                if (user.equals("down")) {
                    throw new AuthenticationUnavailableException("unreachable", null);
                }
                return Set.of("analysts");
            }
        };
        Authentication authentication = new Authentication(List.of(Mechanism.LDAP), List.of(directory),
                Optional.empty(), ProxyUsers.parse("tableau=*"), throttle());
        assertThat(authentication.actFor(Identity.of("tableau"), "alice"))
                .isEqualTo(new Identity("alice", Set.of("analysts")));
        assertThatThrownBy(() -> authentication.actFor(Identity.of("tableau"), "down"))
                .hasMessageContaining("Authentication is unavailable");
    }

    @Test
    void anUnavailableDirectoryIsToldApartFromAWrongPassword() {
        PasswordAuthenticator down = new PasswordAuthenticator() {
            @Override
            public Optional<Identity> authenticate(String user, String password) {
                throw new AuthenticationUnavailableException("ldap://127.0.0.1:1 refused the connection", null);
            }
        };
        Authentication authentication = new Authentication(List.of(Mechanism.LDAP), List.of(down),
                Optional.empty(), ProxyUsers.parse(""), throttle());
        assertThat(refusal(() -> authentication.login("alice", "x", "10.0.0.1")))
                .startsWith("Authentication is unavailable at the moment");
    }

    @Test
    void badSettingsStopTheStartWithAMessageNamingTheKey() {
        assertThatThrownBy(() -> Authentication.from(Settings.of(Map.of("lakegate.auth.mechanisms", "FILE"))))
                .hasMessageContaining("lakegate.auth.file.path");
        assertThatThrownBy(() -> Authentication.from(Settings.of(Map.of("lakegate.auth.mechanisms", "NONE,FILE"))))
                .hasMessageContaining("NONE cannot be combined");
        assertThatThrownBy(() -> Authentication.from(Settings.of(Map.of("lakegate.auth.mechanisms", "KERBEROS"))))
                .hasMessageContaining("unknown mechanism 'KERBEROS'");
        assertThatThrownBy(() -> Authentication.from(Settings.of(Map.of("lakegate.auth.proxy-users", "tableau"))))
                .hasMessageContaining("lakegate.auth.proxy-users");
        assertThatThrownBy(() -> Settings.of(Map.of("lakegate.auth.cookie-secret", "short"))
                .get(AuthConfigKeys.COOKIE_SECRET)).hasMessageContaining("at least 32 characters");
    }

    private Authentication file(Map<String, String> more) throws IOException {
        Path users = directory.resolve("users.passwd");
        PasswordFileTool.write(users, "alice", PasswordHashes.encoder(PasswordHashes.BCRYPT).encode("wonderland"));
        Settings settings = Settings.of(Map.of("lakegate.auth.mechanisms", "FILE",
                "lakegate.auth.file.path", users.toString()));
        for (Map.Entry<String, String> entry : more.entrySet()) {
            settings = settings.with(entry.getKey(), entry.getValue());
        }
        Authentication from = Authentication.from(settings);
        return new Authentication(from.mechanisms(), List.of(PasswordFile.open(users)), Optional.empty(),
                settings.get(AuthConfigKeys.PROXY_USERS), new LoginThrottle(settings.get(AuthConfigKeys.MAX_FAILURES),
                        settings.get(AuthConfigKeys.FAILURE_BACKOFF),
                        settings.get(AuthConfigKeys.MAX_FAILURE_BACKOFF), nanos::get));
    }

    private LoginThrottle throttle() {
        return new LoginThrottle(5, Duration.ofSeconds(1), Duration.ofMinutes(1), nanos::get);
    }

    private static String refusal(Runnable login) {
        try {
            login.run();
        } catch (LakegateException e) {
            assertThat(e.sqlState()).isEqualTo("28000");
            return e.getMessage();
        }
        throw new AssertionError("the login was accepted");
    }
}
