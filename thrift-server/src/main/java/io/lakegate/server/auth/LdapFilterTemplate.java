package io.lakegate.server.auth;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search filter with the user's name ({@code {0}}) or DN ({@code {dn}}) in it: {@code (uid={0})},
 * {@code (member={dn})}. Each placeholder must be a whole assertion value, {@code =} before it and {@code )} after
 * it, and what replaces it is escaped, so that {@code *}, {@code )(} or a backslash in a name is matched literally
 * and cannot widen the filter.
 */
record LdapFilterTemplate(String text) {
    static final String USER = "{0}";
    static final String DN = "{dn}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{0\\}|\\{dn\\}");
    private static final Pattern PLACEHOLDER_AS_VALUE = Pattern.compile("=(\\{0\\}|\\{dn\\})\\)");

    /** A template that uses at least one of the placeholders allowed, and no other. */
    static LdapFilterTemplate parse(String text, boolean dnAllowed) {
        String filter = text.trim();
        int placeholders = count(PLACEHOLDER, filter);
        if (placeholders == 0) {
            throw new IllegalArgumentException("expected {0} (the user name)" + (dnAllowed ? " or {dn} (its DN)" : "")
                    + " in the filter, as in " + (dnAllowed ? "(member={dn})" : "(uid={0})"));
        }
        if (!dnAllowed && filter.contains(DN)) {
            throw new IllegalArgumentException("{dn} is not known yet when the user is searched for; use {0}");
        }
        if (count(PLACEHOLDER_AS_VALUE, filter) != placeholders) {
            throw new IllegalArgumentException("{0} and {dn} must each be a whole value, as in (uid={0}): " + filter);
        }
        LdapFilterTemplate template = new LdapFilterTemplate(filter);
        try {
            template.filter("user", "uid=user,dc=example");
        } catch (LDAPException e) {
            throw new IllegalArgumentException("not an LDAP filter: " + filter + " (" + e.getExceptionMessage() + ")");
        }
        return template;
    }

    Filter filter(String user, String dn) throws LDAPException {
        Matcher placeholder = PLACEHOLDER.matcher(text);
        // One pass, so that a user name holding "{dn}" is not itself replaced.
        String filled = placeholder.replaceAll(match -> Matcher.quoteReplacement(
                Filter.encodeValue(match.group().equals(USER) ? user : dn)));
        return Filter.create(filled);
    }

    @Override
    public String toString() {
        return text;
    }

    private static int count(Pattern pattern, String text) {
        return (int) pattern.matcher(text).results().count();
    }
}
