package io.lakegate.server.auth;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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

    /**
     * The one attribute this filter compares for equality with the user name: uid in {@code (uid={0})},
     * sAMAccountName in {@code (&(objectClass=user)(sAMAccountName={0}))}. Empty when it compares several, or
     * compares the name only by other means (ordering, approximation, a negation).
     */
    Optional<String> userAttribute() {
        Set<String> attributes = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        try {
            // Filled with the placeholder itself, which no literal in the text can equal: each {0} is a placeholder.
            addUserAttributes(filter(USER, DN), attributes);
        } catch (LDAPException e) {
            throw new IllegalStateException("The filter " + text + " was checked when it was parsed", e);
        }
        return attributes.size() == 1 ? Optional.of(attributes.iterator().next()) : Optional.empty();
    }

    private static void addUserAttributes(Filter filter, Set<String> attributes) {
        switch (filter.getFilterType()) {
            case Filter.FILTER_TYPE_AND, Filter.FILTER_TYPE_OR -> {
                for (Filter component : filter.getComponents()) {
                    addUserAttributes(component, attributes);
                }
            }
            case Filter.FILTER_TYPE_EQUALITY -> {
                if (USER.equals(filter.getAssertionValue())) {
                    attributes.add(filter.getAttributeName());
                }
            }
            default -> {}
        }
    }

    @Override
    public String toString() {
        return text;
    }

    private static int count(Pattern pattern, String text) {
        return (int) pattern.matcher(text).results().count();
    }
}
