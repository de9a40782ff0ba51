package io.lakegate.policy;

import io.lakegate.common.Settings;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Ranger's {@code hive} policies, evaluated by Ranger's own policy engine: access decisions, row filters and column
 * masks for a principal. It reads no SQL: filters and custom masks come back as the policy wrote them. Safe for
 * concurrent use; a policy change is seen by the next call.
 */
public interface PolicyEngine extends AutoCloseable {

    /**
     * The policies the settings name ({@code lakegate.policy.file} or {@code lakegate.policy.ranger.url}); with neither,
     * an engine that allows everything ({@link #enforcing()} is false).
     */
    static PolicyEngine open(Settings settings) {
        return PolicyEngines.open(settings);
    }

    /** False when no policy source is configured: every request is allowed and nothing is filtered or masked. */
    boolean enforcing();

    /**
     * The principal for a user: the groups the users file gives it, and Ranger's {@code public}.
     *
     * @param extraGroups groups that authentication found (LDAP, say), added to those of the users file
     */
    Principal principal(String user, Set<String> extraGroups, Optional<String> clientAddress);

    /**
     * Whether Ranger treats the principal as an administrator ({@code lakegate.policy.admin-users} and
     * {@code admin-groups}, Ranger's super users): allowed everything, never filtered or masked.
     */
    boolean isAdmin(Principal principal);

    /** Ranger's decision on one resource and access type. */
    AccessDecision check(Principal principal, HiveResource resource, AccessType accessType);

    /**
     * Ranger's decision on a table whose columns the statement does not name (as {@code SELECT count(*) FROM t}), the
     * way Hive asks it: allowed when the principal may access the table or any of its columns.
     */
    AccessDecision checkTable(Principal principal, String database, String table, AccessType accessType);

    /**
     * Whether the principal has some access to the resource or to anything under it: how Hive decides {@code USE db}
     * and which databases and tables {@code SHOW DATABASES}/{@code SHOW TABLES} list (Ranger's {@code _any} access).
     * Columns are decided by {@link #check} with the access the statement needs: Ranger lets any allowed access type
     * answer {@code _any}, so a column denied for SELECT may still have it.
     */
    boolean hasAnyAccess(Principal principal, HiveResource resource);

    /** The row filter on a table for the principal, if a row-filter policy gives one. */
    Optional<RowFilter> rowFilter(Principal principal, String database, String table);

    /**
     * The masks on the given columns of a table for the principal; columns without a mask (or with
     * {@link MaskType#MASK_NONE}) are not listed.
     */
    List<ColumnMask> masks(Principal principal, String database, String table, List<String> columns);

    /** A number that changes whenever the policies change, for caches keyed by it. */
    long version();

    /**
     * Whether audit events should carry the statement's text ({@code lakegate.policy.audit.statements}); the engine
     * leaves {@link AuditEvent#statement()} empty otherwise.
     */
    boolean auditsStatements();

    /** Records a decision in the audit log, when one is configured. */
    void audit(AuditEvent event);

    @Override
    void close();
}
