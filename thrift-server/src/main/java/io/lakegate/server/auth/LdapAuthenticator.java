package io.lakegate.server.auth;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import io.lakegate.common.Settings;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks passwords by binding to LDAP (OpenLDAP, Active Directory, 389-DS) as the user: at a DN made from the user
 * name by {@code user-dn-pattern}, or at the one entry a service account finds with {@code user-search-filter}. The
 * user's groups come from a group search and/or the user entry's {@code member-of-attribute}; they are read with the
 * service account when there is one, otherwise as the user on the connection it has just bound.
 *
 * <p>The identity's user is the name stored in the entry the bind succeeded for ({@code user-name-attribute}), never
 * the text the client typed: LDAP matches names ignoring case, so {@code ALICE} binds as alice's entry, and policies
 * written for {@code alice} must apply to that session. An entry without exactly one such name is refused.
 *
 * <p>A login is refused (empty) for a wrong password, an unknown user, a search matching several entries, an empty
 * password (which LDAP would take for an anonymous bind) and a user name that is unreasonably long, has control
 * characters or surrounding spaces; the user name is escaped wherever it goes into a DN or filter. It is unavailable
 * ({@link AuthenticationUnavailableException}) when no server answers in time or the service account cannot search.
 *
 * <p>Connections are pooled and bound as the service account (anonymous without one); a connection a user bound is
 * bound back before it returns to the pool, or closed when that fails. Thread-safe.
 */
public final class LdapAuthenticator implements PasswordAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(LdapAuthenticator.class);
    static final int MAX_USER_LENGTH = 256;

    /** What a user bind answers when the credentials, not the server, are at fault. */
    private static final Set<ResultCode> REFUSALS = Set.of(ResultCode.INVALID_CREDENTIALS,
            ResultCode.INAPPROPRIATE_AUTHENTICATION, ResultCode.NO_SUCH_OBJECT, ResultCode.INVALID_DN_SYNTAX,
            ResultCode.UNWILLING_TO_PERFORM, ResultCode.INSUFFICIENT_ACCESS_RIGHTS, ResultCode.CONSTRAINT_VIOLATION);

    private final LdapSettings settings;
    private final LDAPConnectionPool pool;
    private final LdapGroups groups;
    /** What is read from a user's entry: the name, and the groups it lists. */
    private final String[] userAttributes;

    /** With a pool from {@link LdapConnections#open}; tests keep a reference to it to look at its connections. */
    LdapAuthenticator(LdapSettings settings, LDAPConnectionPool pool) {
        this.settings = settings;
        this.pool = pool;
        this.groups = new LdapGroups(settings);
        this.userAttributes = Stream.concat(Stream.of(settings.userNameAttribute()),
                settings.memberOfAttribute().stream()).toArray(String[]::new);
    }

    /**
     * An authenticator for the {@code lakegate.auth.ldap.*} settings; fails, naming the key, when they do not make
     * sense together. No server needs to answer yet.
     */
    public static LdapAuthenticator from(Settings settings) {
        LdapSettings ldap = LdapSettings.from(settings);
        return new LdapAuthenticator(ldap, LdapConnections.open(ldap));
    }

    @Override
    public Optional<Identity> authenticate(String user, String password) {
        Optional<String> badName = whyUnacceptable(user);
        if (badName.isPresent()) {
            LOG.debug("LDAP login refused: the user name {}", badName.get());
            return Optional.empty();
        }
        if (password == null || password.isEmpty()) {
            LOG.debug("LDAP login of {} refused: empty password", user);
            return Optional.empty();
        }
        try {
            if (settings.searchesUsers()) {
                Optional<Entry> entry = findUser(user);
                return entry.isEmpty() ? Optional.empty() : login(user, entry.get().getParsedDN(), password, entry);
            }
            for (LdapDnPattern pattern : settings.userDnPatterns()) {
                Optional<Identity> identity = login(user, pattern.dnOf(user), password, Optional.empty());
                if (identity.isPresent()) {
                    return identity;
                }
            }
            return Optional.empty();
        } catch (LDAPException e) {
            throw unavailable("login of " + user, e);
        }
    }

    /**
     * The groups of a user who logged in elsewhere, read with the service account. Without a service account there
     * is none to read them with (anonymous reads are not used), so the answer is no groups. The name must be the one
     * the user's entry stores, exactly: the identity acted for keeps the name as requested, so {@code ALICE} gets no
     * groups rather than alice's groups under a name alice's policies do not match.
     */
    @Override
    public Set<String> groupsOf(String user) {
        if (whyUnacceptable(user).isPresent()) {
            return Set.of();
        }
        if (settings.serviceAccount().isEmpty()) {
            LOG.debug("No LDAP groups for {}: without {} there is no account to read them with", user,
                    LdapConfigKeys.BIND_DN.name());
            return Set.of();
        }
        try {
            Optional<Entry> entry = settings.searchesUsers() ? findUser(user) : readByPattern(user);
            Optional<String> name = entry.flatMap(found -> storedName(user, found));
            if (name.isEmpty()) {
                return Set.of();
            }
            if (!name.get().equals(user)) {
                LOG.debug("No LDAP groups for {}: the entry {} names the user {}", user, entry.get().getDN(),
                        name.get());
                return Set.of();
            }
            return groups.of(user, entry.get(), pool);
        } catch (LDAPException e) {
            throw unavailable("group lookup of " + user, e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Why a user name is refused before any server hears of it; empty when it is acceptable. */
    static Optional<String> whyUnacceptable(String user) {
        if (user == null || user.isEmpty()) {
            return Optional.of("is empty");
        }
        if (user.length() > MAX_USER_LENGTH) {
            return Optional.of("is longer than " + MAX_USER_LENGTH + " characters");
        }
        if (user.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE)) {
            return Optional.of("has control characters or broken UTF-16");
        }
        if (!user.strip().equals(user)) {
            // LDAP matching ignores them, so "alice " would log in as alice under another name.
            return Optional.of("'" + user + "' has leading or trailing spaces");
        }
        return Optional.empty();
    }

    private Optional<Entry> findUser(String user) throws LDAPException {
        SearchRequest request = new SearchRequest(settings.userSearchBase().orElseThrow(), SearchScope.SUB,
                DereferencePolicy.NEVER, 2, 0, false, settings.userSearchFilter().filter(user, ""), userAttributes);
        SearchResult result;
        try {
            result = pool.search(request);
        } catch (LDAPSearchException e) {
            if (e.getResultCode() != ResultCode.SIZE_LIMIT_EXCEEDED) {
                throw e;
            }
            result = e.getSearchResult();
        }
        if (result.getEntryCount() != 1) {
            LOG.debug("LDAP login of {} refused: {} entries match {}", user,
                    result.getEntryCount() == 0 ? "no" : "several", request.getFilter());
            return Optional.empty();
        }
        return Optional.of(result.getSearchEntries().get(0));
    }

    private Optional<Entry> readByPattern(String user) throws LDAPException {
        for (LdapDnPattern pattern : settings.userDnPatterns()) {
            Optional<Entry> entry = readUser(pattern.dnOf(user), pool);
            if (entry.isPresent()) {
                return entry;
            }
        }
        return Optional.empty();
    }

    private Optional<Entry> readUser(DN dn, LDAPInterface reader) throws LDAPException {
        return Optional.ofNullable(reader.getEntry(dn.toString(), userAttributes));
    }

    /**
     * The identity of a user whose DN is known, when the password binds as it.
     *
     * @param found the user's entry when a search found it, with {@link #userAttributes}
     */
    private Optional<Identity> login(String user, DN dn, String password, Optional<Entry> found)
            throws LDAPException {
        if (settings.serviceAccount().isEmpty()) {
            return asUser(user, dn, password, connection -> identity(user, dn, found, connection))
                    .flatMap(identity -> identity);
        }
        // The service account reads the entry and groups once the user's connection is back in the pool: holding it
        // while the pool lends another for the search would starve a small pool under load.
        if (asUser(user, dn, password, connection -> dn).isEmpty()) {
            return Optional.empty();
        }
        return identity(user, dn, found, pool);
    }

    /** The name stored in the entry the bind succeeded for, and its groups; empty when the entry names no one. */
    private Optional<Identity> identity(String user, DN dn, Optional<Entry> found, LDAPInterface reader)
            throws LDAPException {
        Optional<Entry> entry = found.isPresent() ? found : readUser(dn, reader);
        if (entry.isEmpty()) {
            LOG.debug("LDAP login of {} refused: its entry {} cannot be read", user, dn);
            return Optional.empty();
        }
        Optional<String> name = storedName(user, entry.get());
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Identity(name.get(), groups.of(name.get(), entry.get(), reader)));
    }

    /** The user's name as the entry stores it, when it holds exactly one that is acceptable as a name. */
    private Optional<String> storedName(String user, Entry entry) {
        String attribute = settings.userNameAttribute();
        String[] values = entry.getAttributeValues(attribute);
        if (values == null || values.length != 1) {
            LOG.debug("LDAP user {} refused: its entry {} has {} values of {}, not one", user, entry.getDN(),
                    values == null ? 0 : values.length, attribute);
            return Optional.empty();
        }
        Optional<String> badName = whyUnacceptable(values[0]);
        if (badName.isPresent()) {
            LOG.debug("LDAP user {} refused: the {} of its entry {} {}", user, attribute, entry.getDN(),
                    badName.get());
            return Optional.empty();
        }
        return Optional.of(values[0]);
    }

    /**
     * Binds a pooled connection as the user and reads what {@code read} wants while it is bound; empty when the
     * server refuses the password. The connection is bound back (as the service account, or anonymously) before it
     * returns to the pool, or closed when that fails, so that no other login runs as this user.
     */
    private <T> Optional<T> asUser(String user, DN dn, String password, ReadAsUser<T> read) throws LDAPException {
        SimpleBindRequest request = new SimpleBindRequest(dn, password);
        LDAPConnection connection = pool.getConnection();
        LDAPException failure = tryBind(connection, request);
        if (failure != null && !ResultCode.isConnectionUsable(failure.getResultCode())) {
            // A pooled connection the server or a firewall closed while idle: one fresh one before giving up.
            connection = pool.replaceDefunctConnection(connection);
            failure = tryBind(connection, request.duplicate());
        }
        boolean reusable = failure == null || ResultCode.isConnectionUsable(failure.getResultCode());
        try {
            if (failure != null) {
                if (reusable && REFUSALS.contains(failure.getResultCode())) {
                    LOG.debug("LDAP login of {} as {} refused: {}", user, dn, failure.getResultCode());
                    return Optional.empty();
                }
                throw failure;
            }
            return Optional.of(read.on(connection));
        } catch (LDAPException e) {
            reusable = ResultCode.isConnectionUsable(e.getResultCode());
            throw e;
        } finally {
            if (reusable) {
                pool.releaseAndReAuthenticateConnection(connection);
            } else {
                pool.releaseDefunctConnection(connection);
            }
        }
    }

    @FunctionalInterface
    private interface ReadAsUser<T> {
        T on(LDAPConnection connection) throws LDAPException;
    }

    private static LDAPException tryBind(LDAPConnection connection, SimpleBindRequest request) {
        try {
            connection.bind(request);
            return null;
        } catch (LDAPException e) {
            return e;
        }
    }

    private AuthenticationUnavailableException unavailable(String what, LDAPException e) {
        String message = "LDAP at " + settings.describeUrls() + " cannot answer the " + what + ": "
                + e.getResultCode() + ", " + e.getMessage();
        LOG.warn("{}", message);
        return new AuthenticationUnavailableException(message, e);
    }
}
