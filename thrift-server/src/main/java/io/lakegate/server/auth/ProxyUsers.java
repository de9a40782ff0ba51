package io.lakegate.server.auth;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which accounts may act for which users ({@code lakegate.auth.proxy-users}): {@code tableau=*;etl=alice,bob}. An
 * account not listed acts for nobody but itself.
 */
public final class ProxyUsers {
    private static final String ANY = "*";

    private final Map<String, Set<String>> allowed;

    private ProxyUsers(Map<String, Set<String>> allowed) {
        this.allowed = Map.copyOf(allowed);
    }

    static ProxyUsers parse(String text) {
        Map<String, Set<String>> allowed = new HashMap<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String account = equals < 0 ? "" : entry.substring(0, equals).strip();
            Set<String> users = equals < 0 ? Set.of()
                    : Set.copyOf(Arrays.asList(entry.substring(equals + 1).strip().split("\\s*,\\s*", -1)));
            if (account.isEmpty() || users.contains("")) {
                throw new IllegalArgumentException("expected account=user,user;account=* but found '"
                        + entry.strip() + "'");
            }
            allowed.put(account, users);
        }
        return new ProxyUsers(allowed);
    }

    public boolean allows(String account, String user) {
        Set<String> users = allowed.getOrDefault(account, Set.of());
        return users.contains(ANY) || users.contains(user);
    }
}
