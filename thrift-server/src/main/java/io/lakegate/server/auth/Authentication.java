package io.lakegate.server.auth;

import io.lakegate.common.LakegateException;
import io.lakegate.common.Settings;
import io.lakegate.common.SqlStates;
import io.lakegate.server.ClientFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the server learns who a client is: the configured mechanisms, tried in order, behind one throttle of failed
 * logins per client address, and the rules for acting as another user. Every method may block (a slow hash, an LDAP
 * round trip), so the transports call it from worker threads. A refusal says the same whatever went wrong with the
 * credentials; the log says which user tried, never with what.
 */
public final class Authentication implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);
    static final String REFUSED = "Authentication failed: the user name or password is wrong";
    private static final String TOKEN_REFUSED = "Authentication failed: the token is not valid";
    private static final String UNAVAILABLE =
            "Authentication is unavailable at the moment (the identity service did not answer); try again later";

    private final List<Mechanism> mechanisms;
    private final List<PasswordAuthenticator> passwords;
    private final Optional<TokenAuthenticator> tokens;
    private final ProxyUsers proxyUsers;
    private final LoginThrottle throttle;

    Authentication(List<Mechanism> mechanisms, List<PasswordAuthenticator> passwords,
            Optional<TokenAuthenticator> tokens, ProxyUsers proxyUsers, LoginThrottle throttle) {
        this.mechanisms = List.copyOf(mechanisms);
        this.passwords = List.copyOf(passwords);
        this.tokens = tokens;
        this.proxyUsers = proxyUsers;
        this.throttle = throttle;
    }

    /** The mechanisms the settings name, each checked at start: a server that cannot check logins does not start. */
    public static Authentication from(Settings settings) {
        List<Mechanism> mechanisms = settings.get(AuthConfigKeys.MECHANISMS);
        List<PasswordAuthenticator> passwords = new ArrayList<>();
        Optional<TokenAuthenticator> tokens = Optional.empty();
        try {
            if (mechanisms.contains(Mechanism.FILE)) {
                passwords.add(PasswordFile.open(settings.find(AuthConfigKeys.FILE_PATH).orElseThrow(() ->
                        new LakegateException(SqlStates.INVALID_PARAMETER_VALUE, "Authentication FILE needs "
                                + AuthConfigKeys.FILE_PATH.name() + ", the users file with the password hashes"))));
            }
            if (mechanisms.contains(Mechanism.LDAP)) {
                passwords.add(LdapAuthenticator.from(settings));
            }
            if (mechanisms.contains(Mechanism.JWT)) {
                tokens = Optional.of(JwtAuthenticator.from(settings));
            }
        } catch (RuntimeException e) {
            passwords.forEach(PasswordAuthenticator::close);
            throw e;
        }
        LoginThrottle throttle = new LoginThrottle(settings.get(AuthConfigKeys.MAX_FAILURES),
                settings.get(AuthConfigKeys.FAILURE_BACKOFF), settings.get(AuthConfigKeys.MAX_FAILURE_BACKOFF),
                System::nanoTime);
        return new Authentication(mechanisms, passwords, tokens, settings.get(AuthConfigKeys.PROXY_USERS), throttle);
    }

    /** Authentication NONE, as an embedded server has it by default: user names are taken as clients give them. */
    public static Authentication none() {
        return from(Settings.empty());
    }

    /** Whether clients must prove who they are; with NONE the user name they give is taken as it is. */
    public boolean required() {
        return !mechanisms.contains(Mechanism.NONE);
    }

    /** Whether bearer tokens are taken (over HTTP). */
    public boolean takesTokens() {
        return tokens.isPresent();
    }

    public List<Mechanism> mechanisms() {
        return mechanisms;
    }

    /**
     * The identity a user name and password prove, from the first mechanism that accepts them.
     *
     * @param address the client's address (host), whose failed logins are counted
     * @throws LakegateException (28000) when they prove none, or the address must wait after failed logins
     */
    public Identity login(String user, String password, String address) {
        if (!required()) {
            return Identity.of(user);
        }
        refuseIfThrottled(address);
        if (user.isEmpty() || password.isEmpty() || passwords.isEmpty()) {
            return refused(address, user, REFUSED);
        }
        AuthenticationUnavailableException unavailable = null;
        for (PasswordAuthenticator authenticator : passwords) {
            try {
                Optional<Identity> identity = authenticator.authenticate(user, password);
                if (identity.isPresent()) {
                    throttle.succeeded(address);
                    return identity.get();
                }
            } catch (AuthenticationUnavailableException e) {
                LOG.warn("Cannot check the password of {} from {}: {}", ClientFaults.quote(user), address,
                        e.getMessage());
                unavailable = e;
            }
        }
        return refused(address, user, unavailable == null ? REFUSED : UNAVAILABLE);
    }

    /** The identity a bearer token proves (JWT). */
    public Identity loginWithToken(String token, String address) {
        refuseIfThrottled(address);
        if (tokens.isEmpty()) {
            return refused(address, "(a bearer token)", "Authentication failed: this server takes no bearer tokens");
        }
        try {
            Optional<Identity> identity = tokens.get().authenticate(token);
            if (identity.isPresent()) {
                throttle.succeeded(address);
                return identity.get();
            }
            return refused(address, "(a bearer token)", TOKEN_REFUSED);
        } catch (AuthenticationUnavailableException e) {
            LOG.warn("Cannot check a bearer token from {}: {}", address, e.getMessage());
            throw new LakegateException(SqlStates.INVALID_AUTHORIZATION, UNAVAILABLE);
        }
    }

    /**
     * The identity a session acts as when the authenticated account asks to act for another user: that user's, with
     * the groups the password mechanisms know for them (LDAP), when {@code lakegate.auth.proxy-users} allows it.
     *
     * @throws LakegateException (28000) when the account may not act for the user, or the user's groups cannot be
     *     looked up (a session with too few groups could escape a policy that denies one of them)
     */
    public Identity actFor(Identity account, String user) {
        if (user.equals(account.user())) {
            return account;
        }
        // A name no mechanism could have proven (empty, control characters) is no user to act for.
        if (user.isEmpty() || user.chars().anyMatch(Character::isISOControl)
                || !proxyUsers.allows(account.user(), user)) {
            ClientFaults.log(LOG, "{} may not act for {} (refused)", account.user(), ClientFaults.quote(user));
            throw new LakegateException(SqlStates.INVALID_AUTHORIZATION, "User " + account.user()
                    + " may not act for " + user + " (see " + AuthConfigKeys.PROXY_USERS.name() + ")");
        }
        Set<String> groups = new HashSet<>();
        for (PasswordAuthenticator authenticator : passwords) {
            try {
                groups.addAll(authenticator.groupsOf(user));
            } catch (AuthenticationUnavailableException e) {
                LOG.warn("Cannot look up the groups of {}, for whom {} acts: {}", ClientFaults.quote(user),
                        account.user(), e.getMessage());
                throw new LakegateException(SqlStates.INVALID_AUTHORIZATION, UNAVAILABLE);
            }
        }
        return new Identity(user, groups);
    }

    private void refuseIfThrottled(String address) {
        Optional<Duration> wait = throttle.waitFor(address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new LakegateException(SqlStates.INVALID_AUTHORIZATION, "Too many failed logins from " + address
                    + "; try again in " + seconds + " s");
        }
    }

    private Identity refused(String address, String user, String message) {
        throttle.failed(address);
        ClientFaults.log(LOG, "Login of {} from {} refused", ClientFaults.quote(user), address);
        throw new LakegateException(SqlStates.INVALID_AUTHORIZATION, message);
    }

    @Override
    public void close() {
        passwords.forEach(PasswordAuthenticator::close);
        tokens.ifPresent(TokenAuthenticator::close);
    }
}
