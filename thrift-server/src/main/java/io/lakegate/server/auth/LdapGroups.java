package io.lakegate.server.auth;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a user's groups: the entries a group search finds, and the DNs its entry's member-of attribute lists. */
final class LdapGroups {
    private static final Logger LOG = LoggerFactory.getLogger(LdapGroups.class);

    private final LdapSettings settings;

    LdapGroups(LdapSettings settings) {
        this.settings = settings;
    }

    /**
     * The groups of the user whose entry this is, read by {@code reader}.
     *
     * @param user the user's name as its entry stores it
     * @param entry the user's entry, with the member-of attribute when there is one
     */
    Set<String> of(String user, Entry entry, LDAPInterface reader) throws LDAPException {
        Set<String> groups = new TreeSet<>();
        settings.memberOfAttribute().ifPresent(attribute -> addMemberOf(entry, attribute, groups));
        if (settings.groupSearchBase().isPresent()) {
            String nameAttribute = settings.groupNameAttribute();
            SearchRequest request = new SearchRequest(settings.groupSearchBase().get(), SearchScope.SUB,
                    DereferencePolicy.NEVER, 0, 0, false, settings.groupSearchFilter().filter(user, entry.getDN()),
                    nameAttribute);
            for (SearchResultEntry group : reader.search(request).getSearchEntries()) {
                String[] names = group.getAttributeValues(nameAttribute);
                if (names != null) {
                    groups.addAll(Arrays.asList(names));
                }
            }
        }
        return groups;
    }

    private static void addMemberOf(Entry entry, String attribute, Set<String> groups) {
        String[] values = entry.getAttributeValues(attribute);
        if (values == null) {
            return;
        }
        for (String value : values) {
            Optional<String> name = firstRdnValue(value);
            if (name.isPresent()) {
                groups.add(name.get());
            } else {
                LOG.debug("Ignoring {} value '{}' of {}: not a group's DN", attribute, value, entry.getDN());
            }
        }
    }

    private static Optional<String> firstRdnValue(String dn) {
        try {
            DN parsed = new DN(dn);
            return parsed.isNullDN() ? Optional.empty() : Optional.of(parsed.getRDN().getAttributeValues()[0]);
        } catch (LDAPException e) {
            return Optional.empty();
        }
    }
}
