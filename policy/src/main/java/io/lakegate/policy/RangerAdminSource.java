package io.lakegate.policy;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ranger Admin as the source: Ranger's own refresher downloads the policies with Ranger's REST client on its thread,
 * every poll interval, and keeps Ranger's local cache; while Admin cannot be reached it keeps the policies it has, and
 * a gateway started then reads the cache.
 */
final class RangerAdminSource implements PolicySource {
    private static final Logger LOG = LoggerFactory.getLogger(RangerAdminSource.class);

    private final LakegatePlugin plugin;

    private RangerAdminSource(LakegatePlugin plugin) {
        this.plugin = plugin;
    }

    /** Starts Ranger's refresher, which loads once before it returns; fails when neither Admin nor cache had any. */
    static RangerAdminSource start(LakegatePlugin plugin, String url, Path cacheDir) {
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE, "The policy cache directory " + cacheDir
                    + " (lakegate.policy.ranger.cache-dir) cannot be created: " + e.getMessage(), e);
        }
        plugin.init();
        // Without a download or a cache, Ranger builds an engine of no policies, which has no version.
        if (plugin.getPoliciesVersion() < 0) {
            plugin.cleanup();
            throw new LakegateException(SqlStates.CONNECTION_NOT_ESTABLISHED, "No policies for the Ranger service '"
                    + plugin.getServiceName() + "': Ranger Admin at " + url + " did not give them and the policy cache "
                    + cacheDir + " has none (Ranger's error is in the log)");
        }
        LOG.info("Enforcing Ranger policies of service '{}' from Ranger Admin at {} (policy version {}, cache in {})",
                plugin.getServiceName(), url, plugin.getPoliciesVersion(), cacheDir);
        return new RangerAdminSource(plugin);
    }

    @Override
    public void refresh() {
        // Ranger's refresher thread downloads on its own schedule.
    }

    @Override
    public void close() {
        plugin.cleanup();
    }
}
