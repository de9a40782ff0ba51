package io.lakegate.policy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.ranger.plugin.policyengine.RangerAccessRequest.ResourceMatchingScope;
import org.apache.ranger.plugin.policyengine.RangerAccessRequestImpl;
import org.apache.ranger.plugin.policyengine.RangerAccessResourceImpl;
import org.apache.ranger.plugin.policyengine.RangerAccessResult;
import org.apache.ranger.plugin.policyengine.RangerPolicyEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Policies evaluated by Ranger's own plugin and engine with the {@code hive} service definition; this class only
 * turns Lakegate's records into Ranger's requests and Ranger's results back into records, and caches the answers per
 * policy version.
 */
final class RangerEngine implements PolicyEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RangerEngine.class);
    static final String PUBLIC_GROUP = "public";
    private static final String SELECT = AccessType.SELECT.rangerName();

    private final LakegatePlugin plugin;
    private final PolicySource source;
    private final Principals principals;
    private final Optional<AuditLog> audit;
    private final boolean auditStatements;
    private final DecisionCache cache;
    private final Set<String> unknownMaskTypes = ConcurrentHashMap.newKeySet();

    private record AccessKey(Principal principal, HiveResource resource, AccessType accessType,
            ResourceMatchingScope scope) {}

    private record AnyKey(Principal principal, HiveResource resource) {}

    private record FilterKey(Principal principal, String database, String table) {}


    private record MaskKey(Principal principal, String database, String table, String column) {}

    RangerEngine(LakegatePlugin plugin, PolicySource source, Principals principals, Optional<AuditLog> audit,
            boolean auditStatements, int cacheSize) {
        this.plugin = requireNonNull(plugin, "plugin is null");
        this.source = requireNonNull(source, "source is null");
        this.principals = requireNonNull(principals, "principals is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.auditStatements = auditStatements;
        this.cache = new DecisionCache(cacheSize);
    }

    @Override
    public boolean enforcing() {
        return true;
    }

    @Override
    public Principal principal(String user, Set<String> extraGroups, Optional<String> clientAddress) {
        return principals.principal(user, extraGroups, clientAddress);
    }

    @Override
    public boolean isAdmin(Principal principal) {
        return principals.isAdmin(principal);
    }

    @Override
    public AccessDecision check(Principal principal, HiveResource resource, AccessType accessType) {
        return access(principal, resource, accessType, ResourceMatchingScope.SELF);
    }

    /**
     * As Ranger's Hive authorizer asks it for a table without columns: the request matches policies on the table and
     * on its columns (SELF_OR_DESCENDANTS), and a deny on only some columns does not deny the table.
     */
    @Override
    public AccessDecision checkTable(Principal principal, String database, String table, AccessType accessType) {
        return access(principal, HiveResource.table(database, table), accessType,
                ResourceMatchingScope.SELF_OR_DESCENDANTS);
    }

    private AccessDecision access(Principal principal, HiveResource resource, AccessType accessType,
            ResourceMatchingScope scope) {
        long version = version();
        return cached(version, new AccessKey(principal, resource, accessType, scope), () -> {
            RangerAccessRequestImpl request = request(principal, resource, accessType.rangerName());
            request.setResourceMatchingScope(scope);
            RangerAccessResult result = plugin.isAccessAllowed(request, null);
            boolean allowed = result != null && result.getIsAllowed();
            return new AccessDecision(resource, accessType, allowed, policyId(result));
        });
    }

    @Override
    public boolean hasAnyAccess(Principal principal, HiveResource resource) {
        long version = version();
        return cached(version, new AnyKey(principal, resource), () -> {
            // Ranger matches an _any request against the resource and everything under it.
            RangerAccessResult result = plugin.isAccessAllowed(
                    request(principal, resource, RangerPolicyEngine.ANY_ACCESS), null);
            return result != null && result.getIsAllowed();
        });
    }

    @Override
    public Optional<RowFilter> rowFilter(Principal principal, String database, String table) {
        if (isAdmin(principal)) {
            return Optional.empty();
        }
        long version = version();
        return cached(version, new FilterKey(principal, database, table), () -> {
            RangerAccessRequestImpl request = request(principal, HiveResource.table(database, table), SELECT);
            RangerAccessResult result = plugin.evalRowFilterPolicies(request, null);
            if (result == null || !result.isRowFilterEnabled()) {
                return Optional.<RowFilter>empty();
            }
            return Optional.of(new RowFilter(result.getFilterExpr(), result.getPolicyId()));
        });
    }

    @Override
    public List<ColumnMask> masks(Principal principal, String database, String table, List<String> columns) {
        if (isAdmin(principal)) {
            return List.of();
        }
        long version = version();
        List<ColumnMask> masks = new ArrayList<>();
        for (String column : columns) {
            cached(version, new MaskKey(principal, database, table, column),
                    () -> mask(principal, database, table, column)).ifPresent(masks::add);
        }
        return List.copyOf(masks);
    }

    private Optional<ColumnMask> mask(Principal principal, String database, String table, String column) {
        RangerAccessRequestImpl request = request(principal, HiveResource.column(database, table, column), SELECT);
        RangerAccessResult result = plugin.evalDataMaskPolicies(request, null);
        if (result == null || !result.isMaskEnabled()) {
            return Optional.empty();
        }
        String typeName = result.getMaskType();
        MaskType type;
        try {
            type = MaskType.valueOf(typeName);
        } catch (IllegalArgumentException e) {
            // A mask type of a service definition changed by hand: fail closed, show nothing of the value.
            if (unknownMaskTypes.add(typeName)) {
                LOG.warn("Mask type {} (policy {}) is not one of Ranger's hive mask types; the column shows NULL",
                        typeName, result.getPolicyId());
            }
            type = MaskType.MASK_NULL;
        }
        if (type == MaskType.MASK_NONE) {
            return Optional.empty();
        }
        Optional<String> expression = Optional.empty();
        if (type == MaskType.CUSTOM) {
            String value = result.getMaskedValue();
            if (value == null || value.isBlank()) {
                // Ranger's Hive authorizer shows NULL for a custom mask without an expression.
                type = MaskType.MASK_NULL;
            } else {
                expression = Optional.of(value);
            }
        }
        return Optional.of(new ColumnMask(column, type, expression, result.getPolicyId()));
    }

    @Override
    public long version() {
        source.refresh();
        return plugin.generation();
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
        source.close();
        plugin.cleanup();
        audit.ifPresent(AuditLog::close);
    }

    /** Ranger's plugin, for tests that make its refresher download now. */
    LakegatePlugin plugin() {
        return plugin;
    }

    private <T> T cached(long version, Object key, Supplier<T> evaluate) {
        return plugin.cacheable() ? cache.get(version, key, evaluate) : evaluate.get();
    }

    private static RangerAccessRequestImpl request(Principal principal, HiveResource resource, String accessType) {
        RangerAccessResourceImpl rangerResource = new RangerAccessResourceImpl();
        resource.database().ifPresent(name -> rangerResource.setValue("database", name));
        resource.table().ifPresent(name -> rangerResource.setValue("table", name));
        resource.column().ifPresent(name -> rangerResource.setValue("column", name));
        resource.url().ifPresent(url -> rangerResource.setValue("url", url));
        // Ranger may add to the groups it is given (its user store), so it gets a copy of its own.
        RangerAccessRequestImpl request = new RangerAccessRequestImpl(rangerResource, accessType, principal.user(),
                new HashSet<>(principal.groups()), null);
        request.setAccessTime(new Date());
        request.setAction(accessType);
        request.setClientType("lakegate");
        principal.clientAddress().ifPresent(request::setClientIPAddress);
        return request;
    }

    private static OptionalLong policyId(RangerAccessResult result) {
        if (result == null || result.getPolicyId() < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(result.getPolicyId());
    }
}
