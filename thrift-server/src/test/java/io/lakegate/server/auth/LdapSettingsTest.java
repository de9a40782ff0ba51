package io.lakegate.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import io.lakegate.common.LakegateException;
import io.lakegate.common.Settings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The LDAP settings are checked at start with messages that name the keys, and user names stay values. */
class LdapSettingsTest {
    private static final String KEY = "lakegate.auth.ldap.";
    private static final Map<String, String> PATTERN = Map.of(KEY + "url", "ldap://127.0.0.1:1389",
            KEY + "user-dn-pattern", "uid={0},ou=people,dc=example,dc=com");
    private static final Map<String, String> SEARCH = Map.of(KEY + "url", "ldap://127.0.0.1:1389",
            KEY + "user-search-base", "ou=people,dc=example,dc=com", KEY + "bind-dn", "cn=svc,dc=example,dc=com",
            KEY + "bind-password", "secret");

    @Test
    void theWayToFindTheUsersDnIsRequiredOnce() {
        assertThatThrownBy(() -> LdapSettings.from(Settings.of(Map.of(KEY + "url", "ldap://h"))))
                .isInstanceOf(LakegateException.class)
                .hasMessageContaining(KEY + "user-dn-pattern").hasMessageContaining(KEY + "user-search-base");
        assertThatThrownBy(() -> settings(SEARCH, "user-dn-pattern", "uid={0},dc=example,dc=com"))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> LdapSettings.from(Settings.of(Map.of(KEY + "user-dn-pattern", "uid={0},dc=x"))))
                .hasMessageContaining(KEY + "url");
    }

    @Test
    void searchingNeedsAServiceAccountWithAPassword() {
        Map<String, String> noAccount = new HashMap<>(SEARCH);
        noAccount.remove(KEY + "bind-dn");
        noAccount.remove(KEY + "bind-password");
        assertThatThrownBy(() -> LdapSettings.from(Settings.of(noAccount)))
                .hasMessageContaining(KEY + "bind-dn").hasMessageContaining("never anonymously");
        assertThatThrownBy(() -> settings(SEARCH, "bind-password", ""))
                .hasMessageContaining(KEY + "bind-password").hasMessageContaining("non-empty");
        assertThatThrownBy(() -> settings(PATTERN, "bind-password", "secret"))
                .hasMessageContaining("without " + KEY + "bind-dn");
    }

    @Test
    void tlsSettingsMustFitTheUrls() {
        assertThatThrownBy(() -> settings(PATTERN, "url", "ldaps://h:636", "start-tls", "true"))
                .hasMessageContaining(KEY + "start-tls");
        assertThatThrownBy(() -> settings(PATTERN, "trust-file", "/etc/ca.pem"))
                .hasMessageContaining(KEY + "trust-file");
        assertThat(settings(PATTERN, "trust-file", "/etc/ca.pem", "start-tls", "true").trustFile()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://h", "ldap://h/dc=example,dc=com", "ldapi://%2Fsocket", "ldap://", "not a url"})
    void urlsMustBeLdapServers(String url) {
        assertThatThrownBy(() -> settings(PATTERN, "url", url))
                .isInstanceOf(LakegateException.class).hasMessageContaining(KEY + "url");
    }

    @Test
    void severalUrlsAreTriedInTurn() {
        assertThat(settings(PATTERN, "url", " ldaps://a:636   ldap://b ").describeUrls())
                .isEqualTo("ldaps://a:636 ldap://b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ou=people,uid={0},dc=example", "uid=x{0},ou=people", "uid={0}", "{0},ou=people",
            "uid={0},cn={0},dc=example", "uid={0},not a dn", ";"})
    void aDnPatternHasTheUserNameAsItsFirstRdnValue(String pattern) {
        assertThatThrownBy(() -> settings(PATTERN, "user-dn-pattern", pattern))
                .isInstanceOf(LakegateException.class).hasMessageContaining(KEY + "user-dn-pattern");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(uid=*)", "({0}=x)", "(uid=x{0})", "(uid={0}*)", "(member={dn})", "(uid={0}", "uid"})
    void aUserSearchFilterHasTheUserNameAsAWholeValue(String filter) {
        assertThatThrownBy(() -> settings(SEARCH, "user-search-filter", filter))
                .isInstanceOf(LakegateException.class).hasMessageContaining(KEY + "user-search-filter");
    }

    @Test
    void groupFiltersMayUseTheDnOrTheName() throws Exception {
        LdapSettings settings = settings(SEARCH, "group-search-filter",
                "(|(member:1.2.840.113556.1.4.1941:={dn})(memberUid={0}))");
        assertThat(settings.groupSearchFilter().filter("a*", "uid=a*,dc=x").toString())
                .isEqualTo("(|(member:1.2.840.113556.1.4.1941:=uid=a\\2a,dc=x)(memberUid=a\\2a))");
        assertThat(settings(SEARCH, "user-search-filter", "(&(objectClass=user)(sAMAccountName={0}))")
                .userSearchFilter().text()).contains("sAMAccountName");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "alice)(uid=*", "a\\b", "x\u0000y", "{dn}", "o'neil (ops)", "émilie"})
    void aUserNameIsOneAssertionValueOfTheFilter(String user) throws Exception {
        Filter filter = LdapFilterTemplate.parse("(uid={0})", false).filter(user, "");
        assertThat(filter.getFilterType()).isEqualTo(Filter.FILTER_TYPE_EQUALITY);
        assertThat(filter.getAttributeName()).isEqualTo("uid");
        assertThat(filter.getAssertionValue()).isEqualTo(user);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice,ou=people", "a=b", "a+cn=b", "#alice", "\\", "x\"y", "a;b", "<a>", "  "})
    void aUserNameIsOneRdnValueOfTheDn(String user) throws Exception {
        DN dn = LdapDnPattern.parse("uid={0},ou=people,dc=example,dc=com").dnOf(user);
        DN reparsed = new DN(dn.toString());
        assertThat(reparsed.getParent()).isEqualTo(new DN("ou=people,dc=example,dc=com"));
        assertThat(reparsed.getRDN().getAttributeNames()).containsExactly("uid");
        assertThat(reparsed.getRDN().getAttributeValues()).containsExactly(user);
    }

    @Test
    void theUserNameAttributeIsTheOneTheUserNameIsComparedWith() {
        assertThat(settings(PATTERN).userNameAttribute()).isEqualTo("uid");
        assertThat(settings(PATTERN, "user-dn-pattern", "uid={0},ou=a,dc=example;UID={0},ou=b,dc=example")
                .userNameAttribute()).isEqualToIgnoringCase("uid");
        assertThat(settings(SEARCH).userNameAttribute()).isEqualTo("uid");
        assertThat(settings(SEARCH, "user-search-filter", "(&(objectClass=user)(sAMAccountName={0}))")
                .userNameAttribute()).isEqualTo("sAMAccountName");
        assertThat(settings(SEARCH, "user-search-filter", "(|(sAMAccountName={0})(userPrincipalName=x))")
                .userNameAttribute()).isEqualTo("sAMAccountName");
        assertThat(settings(PATTERN, "user-name-attribute", " employeeNumber ").userNameAttribute())
                .isEqualTo("employeeNumber");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(|(uid={0})(mail={0}))", "(uid>={0})", "(uid~={0})", "(!(uid={0}))",
            "(uid:caseExactMatch:={0})"})
    void aFilterThatDoesNotNameOneAttributeNeedsTheUserNameAttribute(String filter) {
        assertThatThrownBy(() -> settings(SEARCH, "user-search-filter", filter))
                .isInstanceOf(LakegateException.class).hasMessageContaining(KEY + "user-name-attribute")
                .hasMessageContaining(KEY + "user-search-filter");
        assertThat(settings(SEARCH, "user-search-filter", filter, "user-name-attribute", "uid").userNameAttribute())
                .isEqualTo("uid");
    }

    @Test
    void patternsNamingUsersByDifferentAttributesNeedTheUserNameAttribute() {
        String patterns = "uid={0},ou=people,dc=example;cn={0},ou=services,dc=example";
        assertThatThrownBy(() -> settings(PATTERN, "user-dn-pattern", patterns))
                .isInstanceOf(LakegateException.class).hasMessageContaining(KEY + "user-name-attribute")
                .hasMessageContaining(KEY + "user-dn-pattern");
        assertThat(settings(PATTERN, "user-dn-pattern", patterns, "user-name-attribute", "uid").userNameAttribute())
                .isEqualTo("uid");
        assertThatThrownBy(() -> settings(PATTERN, "user-name-attribute", "uid=x"))
                .isInstanceOf(LakegateException.class).hasMessageContaining(KEY + "user-name-attribute");
    }

    @Test
    void passwordsStayOutOfDescriptions() {
        LdapSettings settings = settings(SEARCH);
        assertThat(settings.toString()).doesNotContain("secret");
        assertThat(settings.serviceAccount().orElseThrow().toString()).doesNotContain("secret");
    }

    private static LdapSettings settings(Map<String, String> base, String... keysAndValues) {
        return LdapSettings.from(Settings.of(LdapAuthenticatorTest.with(base, keysAndValues)));
    }
}
