package io.lakegate.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** The engine when no policy source is configured: everyone may do everything, nothing is filtered or masked. */
final class AllowAllEngine implements PolicyEngine {
    private final Principals principals;
    private final Optional<AuditLog> audit;
    private final boolean auditStatements;

    AllowAllEngine(Principals principals, Optional<AuditLog> audit, boolean auditStatements) {
        this.principals = requireNonNull(principals, "principals is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.auditStatements = auditStatements;
    }

    @Override
    public boolean enforcing() {
        return false;
    }

    @Override
    public Principal principal(String user, Set<String> extraGroups, Optional<String> clientAddress) {
        return principals.principal(user, extraGroups, clientAddress);
    }

    @Override
    public boolean isAdmin(Principal principal) {
        return true;
    }

    @Override
    public AccessDecision check(Principal principal, HiveResource resource, AccessType accessType) {
        return new AccessDecision(resource, accessType, true, OptionalLong.empty());
    }

    @Override
    public AccessDecision checkTable(Principal principal, String database, String table, AccessType accessType) {
        return check(principal, HiveResource.table(database, table), accessType);
    }

    @Override
    public boolean hasAnyAccess(Principal principal, HiveResource resource) {
        return true;
    }

    @Override
    public Optional<RowFilter> rowFilter(Principal principal, String database, String table) {
        return Optional.empty();
    }

    @Override
    public List<ColumnMask> masks(Principal principal, String database, String table, List<String> columns) {
        return List.of();
    }

    @Override
    public long version() {
        return 0;
    }

    @Override
    public boolean auditsStatements() {
        return auditStatements;
    }

    @Override
    public void audit(AuditEvent event) {
        audit.ifPresent(log -> log.write(event));
    }

    @Override
    public void close() {
        audit.ifPresent(AuditLog::close);
    }
}
