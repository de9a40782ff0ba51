package io.lakegate.policy;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ranger.authorization.hadoop.config.RangerPluginConfig;
import org.apache.ranger.plugin.model.RangerPolicy;
import org.apache.ranger.plugin.service.RangerBasePlugin;
import org.apache.ranger.plugin.util.ServicePolicies;

/**
 * Ranger's plugin, counting the policy engines it switches to: Ranger keeps the old engine when new policies fail to
 * build, and this count is how a caller tells the two apart (and how decision caches know to forget).
 */
final class LakegatePlugin extends RangerBasePlugin {
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean cacheable = true;

    LakegatePlugin(RangerPluginConfig config) {
        super(config);
        // Called by Ranger once a new policy engine is in place (and when roles change), never on a failed build.
        registerAuthContextEventListener(generation::incrementAndGet);
    }

    /** Changes whenever the policies or roles Ranger evaluates change. */
    long generation() {
        return generation.get();
    }

    /**
     * Whether decisions may be cached: a policy with a validity schedule or a condition can decide differently from
     * one moment or one client to the next for the same principal and resource.
     */
    boolean cacheable() {
        return cacheable;
    }

    @Override
    public void setPolicies(ServicePolicies policies) {
        boolean timeless = policies == null || policies.getPolicies() == null
                || policies.getPolicies().stream().allMatch(LakegatePlugin::timeless);
        long before = generation.get();
        super.setPolicies(policies);
        if (generation.get() != before) {
            cacheable = timeless;
        }
    }

    private static boolean timeless(RangerPolicy policy) {
        if (policy.getValiditySchedules() != null && !policy.getValiditySchedules().isEmpty()) {
            return false;
        }
        if (policy.getConditions() != null && !policy.getConditions().isEmpty()) {
            return false;
        }
        return unconditional(policy.getPolicyItems())
                && unconditional(policy.getDenyPolicyItems()) && unconditional(policy.getAllowExceptions())
                && unconditional(policy.getDenyExceptions()) && unconditional(policy.getRowFilterPolicyItems())
                && unconditional(policy.getDataMaskPolicyItems());
    }

    private static boolean unconditional(List<? extends RangerPolicy.RangerPolicyItem> items) {
        return items == null || items.stream().allMatch(LakegatePlugin::unconditional);
    }

    private static boolean unconditional(RangerPolicy.RangerPolicyItem item) {
        return item.getConditions() == null || item.getConditions().isEmpty();
    }
}
