package io.lakegate.server.auth;

import static io.lakegate.server.auth.LdapConfigKeys.BIND_DN;
import static io.lakegate.server.auth.LdapConfigKeys.BIND_PASSWORD;
import static io.lakegate.server.auth.LdapConfigKeys.GROUP_SEARCH_BASE;
import static io.lakegate.server.auth.LdapConfigKeys.START_TLS;
import static io.lakegate.server.auth.LdapConfigKeys.TRUST_FILE;
import static io.lakegate.server.auth.LdapConfigKeys.URL;
import static io.lakegate.server.auth.LdapConfigKeys.USER_DN_PATTERN;
import static io.lakegate.server.auth.LdapConfigKeys.USER_NAME_ATTRIBUTE;
import static io.lakegate.server.auth.LdapConfigKeys.USER_SEARCH_BASE;
import static io.lakegate.server.auth.LdapConfigKeys.USER_SEARCH_FILTER;

import com.unboundid.ldap.sdk.LDAPURL;
import io.lakegate.common.LakegateException;
import io.lakegate.common.Settings;
import io.lakegate.common.SqlStates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The LDAP settings, each parsed by its key and then checked together, so that a bad mix fails at start. */
record LdapSettings(
        List<LDAPURL> urls,
        boolean startTls,
        Optional<Path> trustFile,
        Optional<String> trustPassword,
        List<LdapDnPattern> userDnPatterns,
        Optional<ServiceAccount> serviceAccount,
        Optional<String> userSearchBase,
        LdapFilterTemplate userSearchFilter,
        String userNameAttribute,
        Optional<String> groupSearchBase,
        LdapFilterTemplate groupSearchFilter,
        String groupNameAttribute,
        Optional<String> memberOfAttribute,
        int poolSize,
        Duration connectTimeout,
        Duration responseTimeout) {

    /** The account that searches; its password never appears in a log line or a message. */
    record ServiceAccount(String dn, String password) {
        @Override
        public String toString() {
            return dn;
        }
    }

    static LdapSettings from(Settings settings) {
        List<LDAPURL> urls = settings.get(URL);
        List<LdapDnPattern> patterns = settings.find(USER_DN_PATTERN).orElse(List.of());
        Optional<String> userSearchBase = settings.find(USER_SEARCH_BASE);
        checkUserLookup(patterns, userSearchBase);
        LdapFilterTemplate userSearchFilter = settings.get(USER_SEARCH_FILTER);
        String userNameAttribute = settings.find(USER_NAME_ATTRIBUTE)
                .orElseGet(() -> userNameAttribute(patterns, userSearchBase.isPresent(), userSearchFilter));
        LdapSettings ldap = new LdapSettings(urls, settings.get(START_TLS), settings.find(TRUST_FILE),
                settings.find(LdapConfigKeys.TRUST_PASSWORD), patterns, serviceAccount(settings), userSearchBase,
                userSearchFilter, userNameAttribute, settings.find(GROUP_SEARCH_BASE),
                settings.get(LdapConfigKeys.GROUP_SEARCH_FILTER), settings.get(LdapConfigKeys.GROUP_NAME_ATTRIBUTE),
                settings.find(LdapConfigKeys.MEMBER_OF_ATTRIBUTE), settings.get(LdapConfigKeys.POOL_SIZE),
                settings.get(LdapConfigKeys.CONNECT_TIMEOUT), settings.get(LdapConfigKeys.RESPONSE_TIMEOUT));
        ldap.check();
        return ldap;
    }

    boolean searchesUsers() {
        return userSearchBase.isPresent();
    }

    /** The URLs as configured, for messages. */
    String describeUrls() {
        return urls.stream().map(LDAPURL::toString).collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return "LDAP " + describeUrls();
    }

    private static void checkUserLookup(List<LdapDnPattern> patterns, Optional<String> userSearchBase) {
        if (patterns.isEmpty() == userSearchBase.isEmpty()) {
            throw invalid(userSearchBase.isEmpty()
                    ? "LDAP authentication needs " + USER_DN_PATTERN.name() + " (to bind as a DN made from the user "
                            + "name) or " + USER_SEARCH_BASE.name() + " (to search for the user's entry first)"
                    : "Set " + USER_DN_PATTERN.name() + " or " + USER_SEARCH_BASE.name() + ", not both");
        }
    }

    /**
     * The attribute that names the user when the key does not say: the one the DN patterns put the typed name in, or
     * the one the search filter compares it with. When that is ambiguous the start fails rather than guess: a wrong
     * guess would name users by the value of some other attribute.
     */
    private static String userNameAttribute(List<LdapDnPattern> patterns, boolean searches,
            LdapFilterTemplate userSearchFilter) {
        if (searches) {
            return userSearchFilter.userAttribute().orElseThrow(() -> invalid("Set " + USER_NAME_ATTRIBUTE.name()
                    + ": " + USER_SEARCH_FILTER.name() + " " + userSearchFilter + " does not compare {0} for "
                    + "equality with exactly one attribute, so which attribute holds the user's name is not known"));
        }
        TreeSet<String> attributes = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        patterns.forEach(pattern -> attributes.add(pattern.attribute()));
        if (attributes.size() != 1) {
            throw invalid("Set " + USER_NAME_ATTRIBUTE.name() + ": the patterns of " + USER_DN_PATTERN.name()
                    + " name users by different attributes (" + String.join(", ", attributes) + "), so which "
                    + "attribute holds the user's name is not known");
        }
        return attributes.first();
    }

    private void check() {
        if (searchesUsers() && serviceAccount.isEmpty()) {
            throw invalid(USER_SEARCH_BASE.name() + " needs " + BIND_DN.name() + " and " + BIND_PASSWORD.name()
                    + ": users are searched for by a service account, never anonymously");
        }
        if (startTls) {
            urls.stream().filter(LdapSettings::isLdaps).findFirst().ifPresent(url -> {
                throw invalid(START_TLS.name() + " upgrades ldap:// connections; " + url + " is already TLS");
            });
        }
        if (trustFile.isPresent() && !startTls && urls.stream().noneMatch(LdapSettings::isLdaps)) {
            throw invalid(TRUST_FILE.name() + " is set but no connection uses TLS: give ldaps:// URLs or set "
                    + START_TLS.name());
        }
    }

    static boolean isLdaps(LDAPURL url) {
        return url.getScheme().equalsIgnoreCase("ldaps");
    }

    private static Optional<ServiceAccount> serviceAccount(Settings settings) {
        Optional<String> dn = settings.find(BIND_DN);
        Optional<String> password = settings.find(BIND_PASSWORD).filter(text -> !text.isEmpty());
        if (dn.isPresent() != password.isPresent()) {
            // An empty password would make the service account's bind an anonymous one, which servers accept.
            throw invalid(dn.isPresent()
                    ? BIND_DN.name() + " needs a non-empty " + BIND_PASSWORD.name()
                    : BIND_PASSWORD.name() + " is set without " + BIND_DN.name());
        }
        return dn.map(name -> new ServiceAccount(name, password.orElseThrow()));
    }

    private static LakegateException invalid(String message) {
        return new LakegateException(SqlStates.INVALID_PARAMETER_VALUE, message);
    }
}
