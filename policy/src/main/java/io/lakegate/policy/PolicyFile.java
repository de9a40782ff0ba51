package io.lakegate.policy;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.ranger.authorization.utils.JsonUtils;
import org.apache.ranger.plugin.model.RangerServiceDef;
import org.apache.ranger.plugin.store.EmbeddedServiceDefsUtil;
import org.apache.ranger.plugin.util.ServicePolicies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A policy file in Ranger Admin's download format, given to Ranger's plugin, and given again whenever a stat shows the
 * file changed: a call that starts after the file was rewritten or replaced sees the new policies. A version that does
 * not parse, or that Ranger cannot build an engine from, leaves the last good policies in force, with one warning.
 */
final class PolicyFile implements PolicySource {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyFile.class);
    static final String SERVICE_TYPE = "hive";

    private final Path path;
    private final LakegatePlugin plugin;
    private volatile FileStamp loaded;
    private Optional<FileStamp> lastBad = Optional.empty();

    PolicyFile(Path path, LakegatePlugin plugin, FileStamp loaded) {
        this.path = path;
        this.plugin = plugin;
        this.loaded = loaded;
    }

    /** The file's stamp and policies, read now; fails with a message for the operator. */
    static Read read(Path path, String defaultServiceName) {
        FileStamp stamp = FileStamp.of(path).orElseThrow(() -> new LakegateException(
                SqlStates.INVALID_PARAMETER_VALUE, "The policy file " + path + " (lakegate.policy.file) cannot be "
                        + "read: it does not exist or is not a file"));
        ServicePolicies policies;
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            policies = JsonUtils.getMapper().readValue(reader, ServicePolicies.class);
        } catch (IOException e) {
            throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE,
                    "The policy file " + path + " is not Ranger's policy JSON: " + firstLine(e.getMessage()), e);
        }
        if (policies == null || policies.getPolicies() == null) {
            throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE, "The policy file " + path
                    + " has no \"policies\" list (expected: what Ranger Admin's /service/plugins/policies/download/"
                    + "<service> returns)");
        }
        if (policies.getServiceDef() == null) {
            policies.setServiceDef(embeddedHiveServiceDef());
        } else if (!SERVICE_TYPE.equals(policies.getServiceDef().getName())) {
            throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE, "The policy file " + path
                    + " holds policies of a service of type '" + policies.getServiceDef().getName()
                    + "' (expected: hive)");
        }
        if (policies.getServiceName() == null || policies.getServiceName().isBlank()) {
            policies.setServiceName(defaultServiceName);
        }
        return new Read(stamp, policies);
    }

    record Read(FileStamp stamp, ServicePolicies policies) {}

    static RangerServiceDef embeddedHiveServiceDef() {
        try {
            return EmbeddedServiceDefsUtil.instance().getEmbeddedServiceDef(SERVICE_TYPE);
        } catch (Exception e) {
            throw new LakegateException(SqlStates.INTERNAL_ERROR,
                    "Ranger's hive service definition cannot be loaded from its jar: " + e.getMessage(), e);
        }
    }

    /** Gives the policies to the plugin; false when Ranger kept its previous engine (it logs why). */
    static boolean install(LakegatePlugin plugin, ServicePolicies policies) {
        long before = plugin.generation();
        plugin.setPolicies(policies);
        return plugin.generation() != before;
    }

    @Override
    public void refresh() {
        Optional<FileStamp> now = FileStamp.of(path);
        if (now.isPresent() && now.get().equals(loaded)) {
            return;
        }
        synchronized (this) {
            if ((now.isPresent() && now.get().equals(loaded)) || now.equals(lastBad)) {
                return;
            }
            try {
                Read read = read(path, plugin.getServiceName());
                if (!read.policies().getServiceName().equals(plugin.getServiceName())) {
                    LOG.warn("Policy file {} now names the service '{}'; its policies apply as those of '{}'", path,
                            read.policies().getServiceName(), plugin.getServiceName());
                    read.policies().setServiceName(plugin.getServiceName());
                }
                if (!install(plugin, read.policies())) {
                    throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE, "Ranger could not build a policy "
                            + "engine from it (Ranger's error is logged above)");
                }
                // The stamp taken before reading: a write during the read shows as a newer stamp on the next call.
                loaded = read.stamp();
                LOG.info("Policy file {} read again: {} policies, policy version {}", path,
                        read.policies().getPolicies().size(), read.policies().getPolicyVersion());
            } catch (LakegateException e) {
                lastBad = now;
                LOG.warn("Policy file {} changed but cannot be used, keeping the policies read before: {}", path,
                        e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        // Nothing to stop: the file is read on the calling thread.
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
