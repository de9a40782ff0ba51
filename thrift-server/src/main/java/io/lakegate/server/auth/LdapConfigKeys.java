package io.lakegate.server.auth;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.RDN;
import io.lakegate.common.ConfigKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The keys of the LDAP authentication ({@code lakegate.auth.ldap.*}). */
public final class LdapConfigKeys {
    private static final String PREFIX = "lakegate.auth.ldap.";

    public static final ConfigKey<List<LDAPURL>> URL = optional(PREFIX + "url",
            "LDAP server to log in against, ldap://host:389 or ldaps://host:636; several, space-separated, are tried "
                    + "in turn when one cannot be reached",
            LdapConfigKeys::urls);
    public static final ConfigKey<Boolean> START_TLS = ConfigKey.bool(PREFIX + "start-tls", false,
            "Upgrades each ldap:// connection with StartTLS before anything is sent; not for ldaps:// URLs");
    public static final ConfigKey<Path> TRUST_FILE = new ConfigKey<>(PREFIX + "trust-file", null,
            "(the JVM's trust store)",
            "The CA certificates that LDAPS and StartTLS trust: a PEM file, or a JKS or PKCS12 trust store",
            Path::of);
    public static final ConfigKey<String> TRUST_PASSWORD = ConfigKey.string(PREFIX + "trust-password", null,
            "Password of a JKS or PKCS12 trust-file; a PEM file needs none");
    public static final ConfigKey<List<LdapDnPattern>> USER_DN_PATTERN = optional(PREFIX + "user-dn-pattern",
            "DN a user binds as, {0} standing for the user name as the whole first RDN value "
                    + "(uid={0},ou=people,dc=example,dc=com); several, separated by ;, are tried in turn. Set this "
                    + "or user-search-base",
            LdapDnPattern::parseList);
    public static final ConfigKey<String> BIND_DN = optional(PREFIX + "bind-dn",
            "DN of the service account that searches for users and groups; without one, groups are read as the "
                    + "user who logs in",
            LdapConfigKeys::dn);
    public static final ConfigKey<String> BIND_PASSWORD = ConfigKey.string(PREFIX + "bind-password", null,
            "Password of the service account bind-dn");
    public static final ConfigKey<String> USER_SEARCH_BASE = optional(PREFIX + "user-search-base",
            "Where the service account searches (subtree) for the entry of a user who logs in, to bind as it; set "
                    + "this or user-dn-pattern",
            LdapConfigKeys::dn);
    public static final ConfigKey<LdapFilterTemplate> USER_SEARCH_FILTER = new ConfigKey<>(
            PREFIX + "user-search-filter", LdapFilterTemplate.parse("(uid={0})", false), "(uid={0})",
            "Filter that finds a user's entry, {0} standing for the user name; (sAMAccountName={0}) for Active "
                    + "Directory. Exactly one entry must match",
            text -> LdapFilterTemplate.parse(text, false));
    public static final ConfigKey<String> USER_NAME_ATTRIBUTE = ConfigKey.derived(PREFIX + "user-name-attribute",
            "(the attribute of user-dn-pattern's first RDN, or the one user-search-filter compares with {0})",
            "Attribute of a user's entry whose value is the user's name for the policies, whatever case or variant "
                    + "the client typed; the entry must hold exactly one value. Set it when it cannot be derived",
            LdapConfigKeys::attribute);
    public static final ConfigKey<String> GROUP_SEARCH_BASE = optional(PREFIX + "group-search-base",
            "Where a user's groups are searched for (subtree); none searches for no groups", LdapConfigKeys::dn);
    public static final ConfigKey<LdapFilterTemplate> GROUP_SEARCH_FILTER = new ConfigKey<>(
            PREFIX + "group-search-filter", LdapFilterTemplate.parse("(member={dn})", true), "(member={dn})",
            "Filter that finds a user's groups, {dn} standing for the user's DN and {0} for the user name; "
                    + "(memberUid={0}) for posixGroup",
            text -> LdapFilterTemplate.parse(text, true));
    public static final ConfigKey<String> GROUP_NAME_ATTRIBUTE = new ConfigKey<>(PREFIX + "group-name-attribute",
            "cn", "cn", "Attribute of a group entry that holds the group's name", LdapConfigKeys::attribute);
    public static final ConfigKey<String> MEMBER_OF_ATTRIBUTE = optional(PREFIX + "member-of-attribute",
            "Attribute of a user's entry that lists the DNs of its groups (memberOf in Active Directory and with "
                    + "OpenLDAP's memberof overlay); a group's name is the value of its DN's first RDN",
            LdapConfigKeys::attribute);
    public static final ConfigKey<Integer> POOL_SIZE = ConfigKey.integer(PREFIX + "pool-size", 8, 1, 1000,
            "Connections to the LDAP server kept open for logins and searches");
    public static final ConfigKey<Duration> CONNECT_TIMEOUT = positiveDuration(PREFIX + "connect-timeout",
            Duration.ofSeconds(5),
            "How long connecting to an LDAP server, TLS included, may take before the next URL is tried");
    public static final ConfigKey<Duration> RESPONSE_TIMEOUT = positiveDuration(PREFIX + "response-timeout",
            Duration.ofSeconds(10),
            "How long each LDAP operation (bind, search) may take; a slower answer makes the login unavailable, not "
                    + "refused");

    /** Every key, in the order the documentation lists them. */
    public static final List<ConfigKey<?>> ALL = List.of(URL, START_TLS, TRUST_FILE, TRUST_PASSWORD, USER_DN_PATTERN,
            BIND_DN, BIND_PASSWORD, USER_SEARCH_BASE, USER_SEARCH_FILTER, USER_NAME_ATTRIBUTE, GROUP_SEARCH_BASE,
            GROUP_SEARCH_FILTER, GROUP_NAME_ATTRIBUTE, MEMBER_OF_ATTRIBUTE, POOL_SIZE, CONNECT_TIMEOUT,
            RESPONSE_TIMEOUT);

    private LdapConfigKeys() {}

    private static <T> ConfigKey<T> optional(String name, String description, Function<String, T> parser) {
        return new ConfigKey<>(name, null, "(none)", description, parser);
    }

    private static List<LDAPURL> urls(String text) {
        List<LDAPURL> urls = Arrays.stream(text.trim().split("\\s+")).filter(url -> !url.isEmpty())
                .map(LdapConfigKeys::url).toList();
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("expected a URL such as ldaps://ldap.example.com:636");
        }
        return urls;
    }

    private static LDAPURL url(String text) {
        LDAPURL url;
        try {
            url = new LDAPURL(text);
        } catch (LDAPException e) {
            throw new IllegalArgumentException("not an LDAP URL: " + text);
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ldap") && !scheme.equals("ldaps") || !url.hostProvided()) {
            throw new IllegalArgumentException("expected ldap://host:port or ldaps://host:port, not " + text);
        }
        if (url.baseDNProvided() || url.attributesProvided() || url.scopeProvided() || url.filterProvided()) {
            throw new IllegalArgumentException("expected a server's URL without DN or search: " + text);
        }
        return url;
    }

    private static String dn(String text) {
        try {
            return new DN(text.trim()).toString();
        } catch (LDAPException e) {
            throw new IllegalArgumentException("not a DN: " + text);
        }
    }

    private static String attribute(String text) {
        String name = text.trim();
        if (!RDN.isValidRDN(name + "=value") || name.contains("=")) {
            throw new IllegalArgumentException("not an attribute name: " + text);
        }
        return name;
    }

    private static ConfigKey<Duration> positiveDuration(String name, Duration defaultValue, String description) {
        ConfigKey<Duration> plain = ConfigKey.duration(name, defaultValue, description);
        return new ConfigKey<>(name, defaultValue, plain.defaultDescription(), description, text -> {
            Duration value = plain.parser().apply(text);
            if (value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("expected a duration above zero and below 24 days");
            }
            return value;
        });
    }
}
