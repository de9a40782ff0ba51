package io.lakegate.server.auth;

import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

/**
 * The salted hashes a users file may hold, each tagged with its scheme as Spring Security writes them:
 * {@code {bcrypt}$2a$12$...} or {@code {pbkdf2}...}. Only slow, salted schemes: a file without a tag, or with a plain
 * or fast one, matches no password.
 */
final class PasswordHashes {
    static final String BCRYPT = "bcrypt";
    static final String PBKDF2 = "pbkdf2";
    private static final int BCRYPT_STRENGTH = 12;

    /** A hash as the file holds it: a scheme the encoder knows, then the hash. */
    static final Pattern STORED = Pattern.compile("\\{(" + BCRYPT + "|" + PBKDF2 + ")}\\S+");

    private PasswordHashes() {}

    /** Hashes with the given scheme and checks any scheme the file may hold. */
    static PasswordEncoder encoder(String scheme) {
        return new DelegatingPasswordEncoder(scheme, Map.of(
                BCRYPT, new BCryptPasswordEncoder(BCRYPT_STRENGTH),
                PBKDF2, Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
    }
}
