package io.lakegate.server.auth;

import io.lakegate.common.ConfigKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** The keys of authentication ({@code lakegate.auth.*}), with those of each mechanism that has its own. */
public final class AuthConfigKeys {
    public static final ConfigKey<List<Mechanism>> MECHANISMS = new ConfigKey<>("lakegate.auth.mechanisms",
            List.of(Mechanism.NONE), "NONE",
            "How clients prove who they are: NONE, or one or more of FILE, LDAP and JWT, comma-separated. NONE trusts "
                    + "the user name a client gives and accepts any password; passwords are checked against FILE "
                    + "then LDAP; JWT takes bearer tokens over HTTP",
            Mechanism::parseList);
    public static final ConfigKey<Path> FILE_PATH = ConfigKey.path("lakegate.auth.file.path", null,
            "The users file of the FILE authentication: one line per user, user:hash (bcrypt or PBKDF2), written by "
                    + "bin/lakegate-passwd; re-read when it changes");
    public static final ConfigKey<ProxyUsers> PROXY_USERS = new ConfigKey<>("lakegate.auth.proxy-users",
            ProxyUsers.parse(""), "(empty)",
            "Accounts that may open sessions for other users with hive.server2.proxy.user, as account=user,user;"
                    + "account=* (any user); the policies then apply to the user acted for",
            ProxyUsers::parse);
    public static final ConfigKey<String> COOKIE_SECRET = ConfigKey.derived("lakegate.auth.cookie-secret",
            "(random at each start)",
            "Secret that signs the HTTP transport's session cookies, at least 32 characters; gateways behind one "
                    + "address share it. Changing it ends every cookie", AuthConfigKeys::secret);
    public static final ConfigKey<Integer> MAX_FAILURES = ConfigKey.integer("lakegate.auth.max-failures", 5, 1,
            1_000_000, "Failed logins from one client address before it must wait before trying again");
    public static final ConfigKey<Duration> FAILURE_BACKOFF = ConfigKey.duration("lakegate.auth.failure-backoff",
            Duration.ofSeconds(1),
            "How long a client address waits after max-failures failed logins; each further failure doubles it");
    public static final ConfigKey<Duration> MAX_FAILURE_BACKOFF = ConfigKey.duration(
            "lakegate.auth.max-failure-backoff", Duration.ofMinutes(5),
            "The longest wait failed logins bring; a client address that fails no more for this long starts afresh");

    /** Every key, in the order the documentation lists them. */
    public static final List<ConfigKey<?>> ALL = Stream.of(
                    List.<ConfigKey<?>>of(MECHANISMS, FILE_PATH, PROXY_USERS, COOKIE_SECRET, MAX_FAILURES,
                            FAILURE_BACKOFF, MAX_FAILURE_BACKOFF),
                    LdapConfigKeys.ALL, JwtConfigKeys.ALL)
            .flatMap(List::stream)
            .toList();

    private AuthConfigKeys() {}

    private static String secret(String text) {
        if (text.length() < 32) {
            throw new IllegalArgumentException("expected at least 32 characters (a random string, such as "
                    + "openssl rand -base64 48 prints)");
        }
        return text;
    }
}
