package io.lakegate.policy;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users file: one line per user, {@code alice: analysts, finance}; {@code #} starts a comment. It is read again
 * when it changes; a version that cannot be read leaves the last good one in force, with one warning for it.
 */
final class UsersFile {
    private static final Logger LOG = LoggerFactory.getLogger(UsersFile.class);
    private static final Pattern NAME = Pattern.compile("[^\\s:,#]+");

    private final Path path;
    private volatile Loaded loaded;
    private Optional<FileStamp> lastBad = Optional.empty();

    private record Loaded(FileStamp stamp, Map<String, Set<String>> groups) {}

    private UsersFile(Path path, Loaded loaded) {
        this.path = path;
        this.loaded = loaded;
    }

    /** Reads the file; fails when it is missing or has a line that is not {@code user: group, ...}. */
    static UsersFile open(Path path) {
        FileStamp stamp = FileStamp.of(path).orElseThrow(() -> new LakegateException(
                SqlStates.INVALID_PARAMETER_VALUE, "The users file " + path + " (lakegate.policy.users-file) cannot "
                        + "be read: it does not exist or is not a file"));
        try {
            return new UsersFile(path, new Loaded(stamp, parse(path, Files.readAllLines(path, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE,
                    "The users file " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The user's groups as the file stands now (no groups for a user it does not list). */
    Set<String> groups(String user) {
        refresh();
        return loaded.groups().getOrDefault(user, Set.of());
    }

    private void refresh() {
        Optional<FileStamp> now = FileStamp.of(path);
        if (now.isPresent() && now.get().equals(loaded.stamp())) {
            return;
        }
        synchronized (this) {
            if ((now.isPresent() && now.get().equals(loaded.stamp())) || now.equals(lastBad)) {
                return;
            }
            try {
                if (now.isEmpty()) {
                    throw new IOException("it does not exist or is not a file");
                }
                loaded = new Loaded(now.get(), parse(path, Files.readAllLines(path, StandardCharsets.UTF_8)));
                LOG.info("Users file {} read again: {} users", path, loaded.groups().size());
            } catch (IOException | LakegateException e) {
                lastBad = now;
                LOG.warn("Users file {} changed but cannot be used, keeping the groups read before: {}", path,
                        e.getMessage());
            }
        }
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
