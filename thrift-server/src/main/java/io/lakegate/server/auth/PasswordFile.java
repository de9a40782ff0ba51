package io.lakegate.server.auth;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.common.WatchedFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The FILE authentication: a users file of {@code user:hash} lines ({@code #} starts a comment), the hashes salted
 * and slow (see {@link PasswordHashes}). The file is read again when it changes, so users added with
 * {@code bin/lakegate-passwd} can log in without a restart. An unknown user costs the same hash check as a known
 * one, so the time a refusal takes does not tell whether the user exists.
 */
public final class PasswordFile implements PasswordAuthenticator {
    static final Pattern USER = Pattern.compile("[^\\s:#]{1,256}");

    private final WatchedFile<Map<String, String>> file;
    private final PasswordEncoder encoder = PasswordHashes.encoder(PasswordHashes.BCRYPT);
    private final String decoy = encoder.encode("decoy password of unknown users");

    private PasswordFile(WatchedFile<Map<String, String>> file) {
        this.file = file;
    }

    /** Reads the file; fails when it is missing or has a line that is not {@code user:hash}. */
    public static PasswordFile open(Path path) {
        String what = "the users file " + path + " (" + AuthConfigKeys.FILE_PATH.name() + ")";
        return new PasswordFile(WatchedFile.open(path, what,
                bytes -> parse(what, new String(bytes, StandardCharsets.UTF_8).lines().toList())));
    }

    @Override
    public Optional<Identity> authenticate(String user, String password) {
        String hash = file.current().get(user);
        boolean matches = encoder.matches(password, hash == null ? decoy : hash);
        return hash != null && matches ? Optional.of(Identity.of(user)) : Optional.empty();
    }

    /** The file's entries in order, user to hash; a later line for the same user wins. */
    static Map<String, String> parse(String what, List<String> lines) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (int number = 1; number <= lines.size(); number++) {
            String text = lines.get(number - 1).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int colon = text.indexOf(':');
            String user = colon < 0 ? "" : text.substring(0, colon);
            String hash = colon < 0 ? "" : text.substring(colon + 1).strip();
            if (!USER.matcher(user).matches() || !PasswordHashes.STORED.matcher(hash).matches()) {
                // The line itself may hold a password typed by mistake: only its number is shown.
                throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE, "Line " + number + " of " + what
                        + " is not user:{bcrypt}hash or user:{pbkdf2}hash (write it with bin/lakegate-passwd)");
            }
            hashes.put(user, hash);
        }
        return hashes;
    }
}
