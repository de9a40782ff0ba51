package io.lakegate.policy;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.common.WatchedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.ranger.authorization.utils.JsonUtils;
import org.apache.ranger.plugin.model.RangerServiceDef;
import org.apache.ranger.plugin.store.EmbeddedServiceDefsUtil;
import org.apache.ranger.plugin.util.RangerRoles;
import org.apache.ranger.plugin.util.ServicePolicies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A policy file in Ranger Admin's download format, given to Ranger's plugin, and given again whenever it changes (see
 * {@link WatchedFile}). A version that does not parse, or that Ranger cannot build an engine from, leaves the last
 * good policies in force.
 */
final class PolicyFile implements PolicySource {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyFile.class);
    static final String SERVICE_TYPE = "hive";

    private final LakegatePlugin plugin;
    private final WatchedFile<ServicePolicies> file;
    private final Optional<WatchedFile<RangerRoles>> roles;

    private PolicyFile(LakegatePlugin plugin, WatchedFile<ServicePolicies> file,
            Optional<WatchedFile<RangerRoles>> roles) {
        this.plugin = plugin;
        this.file = file;
        this.roles = roles;
    }

    /**
     * Reads the file and builds Ranger's plugin for the service it names; fails with a message for the operator.
     *
     * @param rolesFile Ranger's roles, as Admin's roles download gives them
     * @param newPlugin the plugin for a service name
     */
    static PolicyFile open(Path path, Optional<Path> rolesFile, String defaultServiceName,
            Function<String, LakegatePlugin> newPlugin) {
        AtomicReference<LakegatePlugin> plugin = new AtomicReference<>();
        try {
            WatchedFile<ServicePolicies> file = WatchedFile.open(path, "the policy file " + path, bytes -> {
                ServicePolicies policies = parse(path, bytes, defaultServiceName);
                if (plugin.get() == null) {
                    plugin.set(newPlugin.apply(policies.getServiceName()));
                } else if (!policies.getServiceName().equals(plugin.get().getServiceName())) {
                    LOG.warn("Policy file {} now names the service '{}'; its policies apply as those of '{}'", path,
                            policies.getServiceName(), plugin.get().getServiceName());
                    policies.setServiceName(plugin.get().getServiceName());
                }
                if (!install(plugin.get(), policies)) {
                    throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE,
                            "Ranger could not build a policy engine from it (Ranger's error is in the log)");
                }
                LOG.info("Policy file {}: {} policies of service '{}', policy version {}", path,
                        policies.getPolicies().size(), policies.getServiceName(), policies.getPolicyVersion());
                return policies;
            });
            LakegatePlugin installed = plugin.get();
            Optional<WatchedFile<RangerRoles>> roles = rolesFile.map(rolesPath -> WatchedFile.open(rolesPath,
                    "the roles file " + rolesPath + " (lakegate.policy.roles-file)", bytes -> {
                        RangerRoles read = parseRoles(rolesPath, bytes);
                        installed.setRoles(read);
                        return read;
                    }));
            return new PolicyFile(installed, file, roles);
        } catch (RuntimeException e) {
            if (plugin.get() != null) {
                plugin.get().cleanup();
            }
            throw e;
        }
    }

    static ServicePolicies parse(Path path, byte[] json, String defaultServiceName) {
        ServicePolicies policies;
        try {
            policies = JsonUtils.getMapper().readValue(json, ServicePolicies.class);
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
        return policies;
    }

    static RangerRoles parseRoles(Path path, byte[] json) {
        RangerRoles roles;
        try {
            roles = JsonUtils.getMapper().readValue(json, RangerRoles.class);
        } catch (IOException e) {
            throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE,
                    "The roles file " + path + " is not Ranger's roles JSON: " + firstLine(e.getMessage()), e);
        }
        if (roles == null || roles.getRangerRoles() == null) {
            throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE, "The roles file " + path
                    + " has no \"rangerRoles\" list (expected: what Ranger Admin's /service/roles/download/<service> "
                    + "returns)");
        }
        return roles;
    }

    static RangerServiceDef embeddedHiveServiceDef() {
        try {
            return EmbeddedServiceDefsUtil.instance().getEmbeddedServiceDef(SERVICE_TYPE);
        } catch (Exception e) {
            throw new LakegateException(SqlStates.INTERNAL_ERROR,
                    "Ranger's hive service definition cannot be loaded from its jar: " + e.getMessage(), e);
        }
    }

    /** Gives the policies to the plugin; false when Ranger kept its previous engine (it logs why). */
    private static boolean install(LakegatePlugin plugin, ServicePolicies policies) {
        long before = plugin.generation();
        plugin.setPolicies(policies);
        return plugin.generation() != before;
    }

    LakegatePlugin plugin() {
        return plugin;
    }

    @Override
    public void refresh() {
        file.current();
        roles.ifPresent(WatchedFile::current);
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
