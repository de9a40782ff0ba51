package io.lakegate.policy;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * Ranger's answer to one access request.
 *
 * @param policyId the policy that decided, empty when none matched (a denial by Ranger's default)
 */
public record AccessDecision(HiveResource resource, AccessType accessType, boolean allowed, OptionalLong policyId) {
    public AccessDecision {
        requireNonNull(resource, "resource is null");
        requireNonNull(accessType, "accessType is null");
        requireNonNull(policyId, "policyId is null");
    }
}
