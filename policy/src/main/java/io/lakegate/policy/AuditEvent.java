package io.lakegate.policy;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One decision, as the audit log records it.
 *
 * @param applied what the decision puts on the resource: {@code row filter: <expression>}, {@code mask: MASK_HASH},
 *     or empty for a plain access decision
 * @param statement the statement's text, only when the audit is configured to keep it
 */
public record AuditEvent(
        Instant time,
        Principal principal,
        String sessionId,
        String statementId,
        HiveResource resource,
        AccessType accessType,
        boolean allowed,
        OptionalLong policyId,
        Optional<String> applied,
        Optional<String> statement) {
    public AuditEvent {
        requireNonNull(time, "time is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(statementId, "statementId is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(accessType, "accessType is null");
        requireNonNull(policyId, "policyId is null");
        requireNonNull(applied, "applied is null");
        requireNonNull(statement, "statement is null");
    }
}
