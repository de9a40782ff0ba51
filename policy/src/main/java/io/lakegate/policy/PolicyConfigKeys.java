package io.lakegate.policy;

import io.lakegate.common.ConfigKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The configuration keys of the policy module. With neither a policy file nor a Ranger URL, nothing is enforced. */
public final class PolicyConfigKeys {
    public static final ConfigKey<Path> FILE = ConfigKey.path("lakegate.policy.file", null,
            "JSON file of Ranger hive policies in Ranger Admin's download format (ServicePolicies), re-read when it "
                    + "changes");

    public static final ConfigKey<Path> ROLES_FILE = ConfigKey.path("lakegate.policy.roles-file", null,
            "JSON file of Ranger roles as Ranger Admin's /service/roles/download returns them, for a policy file's "
                    + "policies that name roles; re-read when it changes");

    public static final ConfigKey<String> RANGER_URL = ConfigKey.string("lakegate.policy.ranger.url", null,
            "URL of Ranger Admin (http://ranger:6080) to download the policies from, instead of a file");

    public static final ConfigKey<Duration> RANGER_POLL_INTERVAL = ConfigKey.duration(
            "lakegate.policy.ranger.poll-interval", Duration.ofSeconds(30),
            "How often the policies are downloaded again from Ranger Admin");

    public static final ConfigKey<Path> RANGER_CACHE_DIR = ConfigKey.derived("lakegate.policy.ranger.cache-dir",
            "<lakegate.data.dir>/policy-cache",
            "Ranger's local copy of the downloaded policies, used while Ranger Admin cannot be reached", Path::of);

    public static final ConfigKey<String> SERVICE_NAME = ConfigKey.string("lakegate.policy.service-name", "hive",
            "Name of the Ranger service (of type hive) whose policies apply; a policy file names its own");

    public static final ConfigKey<Path> USERS_FILE = ConfigKey.path("lakegate.policy.users-file", null,
            "File of users' groups, one line per user: alice: analysts, finance; re-read when it changes");

    public static final ConfigKey<String> ADMIN_USERS = ConfigKey.string("lakegate.policy.admin-users", "",
            "Comma-separated users that Ranger treats as super users: allowed everything, never filtered or masked");

    public static final ConfigKey<String> ADMIN_GROUPS = ConfigKey.string("lakegate.policy.admin-groups", "",
            "Comma-separated groups whose members are administrators like the admin users");

    public static final ConfigKey<Path> AUDIT_PATH = ConfigKey.path("lakegate.policy.audit.path", null,
            "File the access decisions are appended to, one JSON object per line");

    public static final ConfigKey<Boolean> AUDIT_STATEMENTS = ConfigKey.bool("lakegate.policy.audit.statements",
            false, "Whether audit lines hold the statement's text");

    public static final ConfigKey<Integer> DECISION_CACHE_SIZE = ConfigKey.integer("lakegate.policy.cache-size",
            10_000, "How many decisions (per user, groups, resource and access) are kept; 0 keeps none");

    /** Every key of this module, in the order the documentation lists them. */
    public static final List<ConfigKey<?>> ALL = List.of(FILE, ROLES_FILE, RANGER_URL, RANGER_POLL_INTERVAL,
            RANGER_CACHE_DIR, SERVICE_NAME, USERS_FILE, ADMIN_USERS, ADMIN_GROUPS, AUDIT_PATH, AUDIT_STATEMENTS,
            DECISION_CACHE_SIZE);

    private PolicyConfigKeys() {}

    /** The names of a comma-separated list such as the admin users. */
    static Set<String> names(String text) {
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(text.split(",")).map(String::trim).filter(name -> !name.isEmpty()).forEach(names::add);
        return Set.copyOf(names);
    }
}
