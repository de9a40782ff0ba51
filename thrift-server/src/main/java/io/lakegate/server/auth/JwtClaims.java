package io.lakegate.server.auth;

import static java.util.stream.Collectors.toUnmodifiableSet;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where a verified token names its user and groups. A claim name is looked up as it is first (Auth0's namespaced
 * claims are URLs, dots included), then as a dotted path into nested claims ({@code realm_access.roles}).
 */
record JwtClaims(String userClaim, String groupsClaim) {
    /** Longer names are no one's user or group, and would only bloat logs and policies. */
    static final int MAX_NAME_LENGTH = 256;

    /** The identity the claims name; empty when the user claim is missing or not a usable name. */
    Optional<Identity> identity(JWTClaimsSet claims) {
        if (find(claims, userClaim) instanceof String user && isName(user)) {
            return Optional.of(new Identity(user, groups(claims)));
        }
        return Optional.empty();
    }

    /** The groups claim's strings that are usable names; its other values are ignored, as is a claim of no list. */
    private Set<String> groups(JWTClaimsSet claims) {
        Object value = find(claims, groupsClaim);
        Stream<?> values = value instanceof Collection<?> list ? list.stream() : Stream.ofNullable(value);
        return values.filter(String.class::isInstance).map(String.class::cast).filter(JwtClaims::isName)
                .collect(toUnmodifiableSet());
    }

    private static Object find(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        if (value != null || name.indexOf('.') < 0) {
            return value;
        }
        Object node = claims.getClaims();
        for (String part : name.split("\\.", -1)) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(part);
        }
        return node;
    }

    /** Not blank, not padded, bounded, and without control characters that could forge log lines. */
    static boolean isName(String text) {
        return !text.isBlank() && text.length() <= MAX_NAME_LENGTH && text.strip().equals(text)
                && text.chars().noneMatch(Character::isISOControl);
    }

    /** Text from a token made safe for one log line: control characters replaced, length bounded. */
    static String printable(String text, int maxLength) {
        StringBuilder printable = new StringBuilder(Math.min(text.length(), maxLength + 3));
        text.codePoints().limit(maxLength).forEach(c -> printable.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return text.codePointCount(0, text.length()) > maxLength ? printable.append("...").toString()
                : printable.toString();
    }
}
