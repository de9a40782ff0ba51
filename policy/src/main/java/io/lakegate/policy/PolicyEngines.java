package io.lakegate.policy;

import io.lakegate.common.LakegateException;
import io.lakegate.common.Settings;
import io.lakegate.common.SqlStates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.ranger.authorization.hadoop.config.RangerPluginConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the policy engine the settings describe. */
final class PolicyEngines {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyEngines.class);
    // The application id Ranger Admin lists the gateway under; also the prefix of Ranger's cache file names.
    private static final String APP_ID = "lakegate";
    private static final String PREFIX = "ranger.plugin." + PolicyFile.SERVICE_TYPE;
    // The catalog module owns lakegate.data.dir (CatalogConfigKeys.DATA_DIR); policy does not depend on it.
    private static final String DATA_DIR = "lakegate.data.dir";

    private PolicyEngines() {}

    static PolicyEngine open(Settings settings) {
        Optional<Path> file = settings.find(PolicyConfigKeys.FILE);
        Optional<String> url = settings.find(PolicyConfigKeys.RANGER_URL).filter(text -> !text.isBlank());
        if (url.isPresent() && settings.find(PolicyConfigKeys.ROLES_FILE).isPresent()) {
            throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE, "lakegate.policy.roles-file is set with "
                    + "lakegate.policy.ranger.url (expected: Admin's roles, or a roles file with a policy file)");
        }
        if (file.isPresent() && url.isPresent()) {
            throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE, "Both lakegate.policy.file and "
                    + "lakegate.policy.ranger.url are set (expected: one source of policies)");
        }
        Principals principals = new Principals(settings.find(PolicyConfigKeys.USERS_FILE).map(UsersFile::open),
                PolicyConfigKeys.names(settings.get(PolicyConfigKeys.ADMIN_USERS)),
                PolicyConfigKeys.names(settings.get(PolicyConfigKeys.ADMIN_GROUPS)));
        boolean auditStatements = settings.get(PolicyConfigKeys.AUDIT_STATEMENTS);
        int cacheSize = settings.get(PolicyConfigKeys.DECISION_CACHE_SIZE);
        if (cacheSize < 0) {
            throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE,
                    "Invalid value '" + cacheSize + "' for lakegate.policy.cache-size: expected zero or more");
        }
        if (file.isEmpty() && url.isEmpty()) {
            LOG.info("No policies are enforced: neither lakegate.policy.file nor lakegate.policy.ranger.url is set, "
                    + "so every user may read and change everything");
            return new AllowAllEngine(principals, settings.find(PolicyConfigKeys.AUDIT_PATH).map(AuditLog::open),
                    auditStatements);
        }
        String serviceName = settings.get(PolicyConfigKeys.SERVICE_NAME);
        LakegatePlugin plugin;
        PolicySource source;
        if (file.isPresent()) {
            PolicyFile policyFile = PolicyFile.open(file.get(), settings.find(PolicyConfigKeys.ROLES_FILE),
                    serviceName, name -> plugin(name, principals, fileProperties()));
            plugin = policyFile.plugin();
            source = policyFile;
        } else {
            Path cacheDir = settings.find(PolicyConfigKeys.RANGER_CACHE_DIR).orElseGet(
                    () -> Path.of(settings.raw(DATA_DIR).orElse("./data"), "policy-cache"));
            plugin = plugin(serviceName, principals,
                    adminProperties(url.get(), cacheDir, settings.get(PolicyConfigKeys.RANGER_POLL_INTERVAL)));
            source = RangerAdminSource.start(plugin, url.get(), cacheDir);
        }
        try {
            return new RangerEngine(plugin, source, principals,
                    settings.find(PolicyConfigKeys.AUDIT_PATH).map(AuditLog::open), auditStatements, cacheSize);
        } catch (RuntimeException e) {
            source.close();
            plugin.cleanup();
            throw e;
        }
    }

    private static LakegatePlugin plugin(String serviceName, Principals principals, Properties properties) {
        properties.setProperty(PREFIX + ".service.name", serviceName);
        // Lakegate writes its own audit log; Ranger's audit framework stays off.
        properties.setProperty("xasecure.audit.is.enabled", "false");
        properties.setProperty(PREFIX + ".policyengine.option.disable.tag.retriever", "true");
        properties.setProperty(PREFIX + ".policyengine.option.disable.userstore.retriever", "true");
        LakegatePlugin plugin = new LakegatePlugin(new RangerPluginConfig(PolicyFile.SERVICE_TYPE, serviceName, APP_ID,
                properties));
        plugin.setSuperUsersAndGroups(principals.adminUsers(), principals.adminGroups());
        return plugin;
    }

    private static Properties fileProperties() {
        Properties properties = new Properties();
        // Policies come from the file on the calling thread; Ranger's refresher would call Ranger Admin.
        properties.setProperty(PREFIX + ".policyengine.option.disable.policy.refresher", "true");
        return properties;
    }

    private static Properties adminProperties(String url, Path cacheDir, Duration pollInterval) {
        Properties properties = new Properties();
        properties.setProperty(PREFIX + ".policy.source.impl", "org.apache.ranger.admin.client.RangerAdminRESTClient");
        properties.setProperty(PREFIX + ".policy.rest.url", url);
        properties.setProperty(PREFIX + ".policy.cache.dir", cacheDir.toAbsolutePath().toString());
        properties.setProperty(PREFIX + ".policy.pollIntervalMs", Long.toString(Math.max(1, pollInterval.toMillis())));
        properties.setProperty(PREFIX + ".policy.rest.supports.policy.deltas", "false");
        // Ranger's defaults wait two minutes for a connection and retry three times: start-up with Admin down would
        // take minutes before the cache is used. One quick attempt per poll is enough, the next poll retries.
        properties.setProperty(PREFIX + ".policy.rest.client.connection.timeoutMs", "5000");
        properties.setProperty(PREFIX + ".policy.rest.client.read.timeoutMs", "30000");
        properties.setProperty(PREFIX + ".policy.rest.client.max.retry.attempts", "1");
        properties.setProperty(PREFIX + ".policy.rest.client.retry.interval.ms", "0");
        return properties;
    }
}
