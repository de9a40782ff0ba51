package io.lakegate.server.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The ways a client can prove who it is. */
public enum Mechanism {
    /** Trusts the user name the client gives; for embedded use and loopback development. */
    NONE,
    /** Passwords checked against the users file's salted hashes. */
    FILE,
    /** Passwords checked by binding to an LDAP or Active Directory server as the user. */
    LDAP,
    /** Bearer tokens signed by an OpenID Connect provider, over HTTP. */
    JWT;

    static List<Mechanism> parseList(String text) {
        Set<Mechanism> mechanisms = EnumSet.noneOf(Mechanism.class);
        for (String name : text.split(",", -1)) {
            String trimmed = name.trim().toUpperCase(Locale.ROOT);
            try {
                mechanisms.add(valueOf(trimmed));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown mechanism '" + name.trim() + "' (expected: "
                        + Arrays.toString(values()) + ")");
            }
        }
        if (mechanisms.contains(NONE) && mechanisms.size() > 1) {
            throw new IllegalArgumentException("NONE cannot be combined with other mechanisms");
        }
        return List.copyOf(mechanisms);
    }
}
