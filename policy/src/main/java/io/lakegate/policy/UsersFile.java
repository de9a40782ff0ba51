package io.lakegate.policy;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.common.WatchedFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The users file: one line per user, {@code alice: analysts, finance}; {@code #} starts a comment. It is read again
 * when it changes (see {@link WatchedFile}).
 */
final class UsersFile {
    private static final Pattern NAME = Pattern.compile("[^\\s:,#]+");

    private final WatchedFile<Map<String, Set<String>>> file;

    private UsersFile(WatchedFile<Map<String, Set<String>>> file) {
        this.file = file;
    }

    /** Reads the file; fails when it is missing or has a line that is not {@code user: group, ...}. */
    static UsersFile open(Path path) {
        return new UsersFile(WatchedFile.open(path, "the users file " + path + " (lakegate.policy.users-file)",
                bytes -> parse(path, new String(bytes, StandardCharsets.UTF_8).lines().toList())));
    }

    /** The user's groups as the file stands now (no groups for a user it does not list). */
    Set<String> groups(String user) {
        return file.current().getOrDefault(user, Set.of());
    }

    static Map<String, Set<String>> parse(Path path, List<String> lines) {
        Map<String, Set<String>> groups = new HashMap<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1);
            int comment = line.indexOf('#');
            String text = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (text.isEmpty()) {
                continue;
            }
            int colon = text.indexOf(':');
            String user = colon < 0 ? "" : text.substring(0, colon).strip();
            if (!NAME.matcher(user).matches()) {
                throw bad(path, number, line);
            }
            Set<String> userGroups = new LinkedHashSet<>(groups.getOrDefault(user, Set.of()));
            String list = text.substring(colon + 1).strip();
            if (!list.isEmpty()) {
                for (String group : list.split(",", -1)) {
                    String name = group.strip();
                    if (!NAME.matcher(name).matches()) {
                        throw bad(path, number, line);
                    }
                    userGroups.add(name);
                }
            }
            groups.put(user, Set.copyOf(userGroups));
        }
        return Map.copyOf(groups);
    }

    private static LakegateException bad(Path path, int number, String line) {
        return new LakegateException(SqlStates.INVALID_PARAMETER_VALUE, "Line " + number + " of the users file "
                + path + " is not 'user: group, group': " + line.strip());
    }
}
