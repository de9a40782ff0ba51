package io.lakegate.engine.policy;

import static java.util.Objects.requireNonNull;

import io.lakegate.catalog.ColumnInfo;
import io.lakegate.catalog.LakeCatalog;
import io.lakegate.catalog.TableInfo;
import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.connect.ExecutionApproval;
import io.lakegate.engine.frontend.Analysis;
import io.lakegate.engine.frontend.ColumnPlaceholder;
import io.lakegate.engine.frontend.FrontEnd;
import io.lakegate.engine.frontend.SessionContext;
import io.lakegate.engine.frontend.SparkIdentifiers;
import io.lakegate.engine.frontend.StatementType;
import io.lakegate.engine.frontend.TableName;
import io.lakegate.engine.frontend.TableReference;
import io.lakegate.policy.AccessDecision;
import io.lakegate.policy.AccessType;
import io.lakegate.policy.ColumnMask;
import io.lakegate.policy.HiveResource;
import io.lakegate.policy.MaskType;
import io.lakegate.policy.PolicyEngine;
import io.lakegate.policy.Principal;
import io.lakegate.policy.RowFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's side of the Ranger policies: who is restricted, what each table shows a principal, and the check and
 * rewrite of each statement. What a table shows is cached per principal, table and policy version, so a policy change
 * takes effect from the next statement.
 */
public final class AccessControl {
    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
    /** Enough for every table of a busy catalog for a few hundred users; the cache starts afresh beyond it. */
    private static final int CACHE_LIMIT = 20_000;
    /** Schemas change without a policy change: what a table shows is read again after this long. */
    private static final Duration SCHEMA_LIFETIME = Duration.ofSeconds(5);

    private final PolicyEngine policies;
    private final LakeCatalog catalog;
    private final FrontEnd frontEnd;
    private final Map<CacheKey, Loaded> tablePolicies = new ConcurrentHashMap<>();
    private volatile boolean gatewayAnalysis = true;

    private record CacheKey(String user, Set<String> groups, TableName table, long version) {}

    private record Loaded(TablePolicy policy, long loadedNanos) {}

    public AccessControl(PolicyEngine policies, LakeCatalog catalog, FrontEnd frontEnd) {
        this.policies = requireNonNull(policies, "policies is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.frontEnd = requireNonNull(frontEnd, "frontEnd is null");
    }

    public PolicyEngine policies() {
        return policies;
    }

    /** The principal a session's user acts as now: the users file may have changed its groups since. */
    public Principal principal(String user, Set<String> groups, Optional<String> clientAddress) {
        return policies.principal(user, groups, clientAddress);
    }

    /** Whether policies apply to the principal at all: they are enforced and it is no administrator. */
    public boolean restricts(Principal principal) {
        return policies.enforcing() && !policies.isAdmin(principal);
    }

    /**
     * Checks one statement against the policies and rewrites it so that they hold.
     *
     * @throws LakegateException with SQLSTATE 42000 when the policies deny it or it cannot be checked
     */
    public AuthorizedStatement authorize(Principal principal, Analysis analysis, StatementContext context) {
        if (!restricts(principal)) {
            return new AuthorizedStatement(analysis.sql(), ExecutionApproval.unrestrictedApproval());
        }
        if (!gatewayAnalysis) {
            return new AuthorizedStatement(analysis.sql(), approvalWithoutAnalysis(principal));
        }
        return new StatementAuthorizer(this, principal, context, analysis.sql()).authorize(analysis);
    }

    /** Where a statement runs: its session and id, and the database its unqualified names resolve in. */
    public record StatementContext(String sessionId, String statementId, String database) {}

    /** The catalog as the principal may see it: listings without what it may not read. */
    public LakeCatalog visibleCatalog(Principal principal) {
        return restricts(principal) ? new VisibleCatalog(catalog, policies, principal) : catalog;
    }

    /**
     * Turns the gateway's own checks and rewrite off, so that tests can show the cluster's check holds alone: the
     * statement goes as written, with an approval that names what the principal may read and write anywhere.
     */
    void gatewayAnalysis(boolean enabled) {
        gatewayAnalysis = enabled;
    }

    private ExecutionApproval approvalWithoutAnalysis(Principal principal) {
        Set<String> read = new LinkedHashSet<>();
        Set<String> written = new LinkedHashSet<>();
        Set<String> protectedTables = new LinkedHashSet<>();
        Set<String> described = new LinkedHashSet<>();
        for (String database : catalog.listDatabases()) {
            for (TableInfo info : catalog.listTables(database)) {
                TableName table = new TableName(catalog.name(), database, info.name());
                TablePolicy policy = tablePolicy(principal, table);
                if (policy.readable()) {
                    read.add(table.toString());
                    if (!policy.hasDeniedColumns()) {
                        described.add(table.toString());
                    }
                }
                if (policy.isProtected()) {
                    protectedTables.add(table.toString());
                } else if (policies.check(principal, HiveResource.table(database, info.name()), AccessType.UPDATE)
                        .allowed()) {
                    written.add(table.toString());
                }
            }
        }
        return ExecutionApproval.restricted(read, written, protectedTables, described);
    }

    String catalogName() {
        return catalog.name();
    }

    /** Whether the name is a table or view of the catalog that the policies speak about. */
    boolean inCatalog(TableName table) {
        return table.catalog().equalsIgnoreCase(catalog.name());
    }

    /**
     * What the table shows the principal.
     *
     * @throws io.lakegate.catalog.NoSuchTableException when the catalog has no such table or view
     */
    TablePolicy tablePolicy(Principal principal, TableName table) {
        CacheKey key = new CacheKey(principal.user(), principal.groups(), table, policies.version());
        long now = System.nanoTime();
        Loaded cached = tablePolicies.get(key);
        if (cached != null && now - cached.loadedNanos() <= SCHEMA_LIFETIME.toNanos()) {
            return cached.policy();
        }
        TablePolicy loaded = load(principal, table);
        if (tablePolicies.size() >= CACHE_LIMIT) {
            tablePolicies.clear();
        }
        tablePolicies.put(key, new Loaded(loaded, now));
        return loaded;
    }

    /** What tables show is read afresh from now on: a statement of this gateway may have changed a schema. */
    public void forget() {
        tablePolicies.clear();
    }

    private TablePolicy load(Principal principal, TableName table) {
        String database = table.database();
        List<ColumnInfo> columns = catalog.columns(database, table.table());
        AccessDecision tableAccess = policies.checkTable(principal, database, table.table(), AccessType.SELECT);
        Map<String, AccessDecision> columnAccess = new LinkedHashMap<>();
        for (ColumnInfo column : columns) {
            columnAccess.put(column.name().toLowerCase(Locale.ROOT), policies.check(principal,
                    HiveResource.column(database, table.table(), column.name()), AccessType.SELECT));
        }
        Optional<TablePolicy.CompiledFilter> filter = policies.rowFilter(principal, database, table.table())
                .map(rowFilter -> compile(table, rowFilter));
        Map<String, ColumnMask> masks = new LinkedHashMap<>();
        for (ColumnMask mask : policies.masks(principal, database, table.table(),
                columns.stream().map(ColumnInfo::name).toList())) {
            if (mask.type() != MaskType.MASK_NONE) {
                masks.put(mask.column().toLowerCase(Locale.ROOT), mask);
            }
        }
        String projection = columns.stream()
                .filter(column -> columnAccess.get(column.name().toLowerCase(Locale.ROOT)).allowed())
                .map(column -> shown(table, column, masks.get(column.name().toLowerCase(Locale.ROOT))))
                .collect(Collectors.joining(", "));
        return new TablePolicy(table, columns, tableAccess, columnAccess, filter, masks, projection);
    }

    /** A column as the projection shows it: raw, or masked under its own name. */
    private String shown(TableName table, ColumnInfo column, ColumnMask mask) {
        String quoted = SparkIdentifiers.quote(column.name());
        if (mask == null) {
            return quoted;
        }
        String masked;
        if (mask.type() == MaskType.CUSTOM) {
            String expression = ColumnPlaceholder.substitute(mask.customExpression().orElseThrow(), quoted);
            String probe = "SELECT " + expression + " FROM " + table.quoted();
            Analysis analysis = frontEnd.analyze(probe, new SessionContext(table.catalog(), table.database(),
                    Set.of()));
            if (!analysis.isUnderstood() || analysis.type() != StatementType.QUERY
                    || analysis.references().size() != 1) {
                throw invalidPolicy("mask", mask.policyId(), table, mask.customExpression().orElseThrow(),
                        analysis.parseFailure().orElse("it reads tables, which custom masks may not"));
            }
            masked = MaskExpressions.custom(expression, column.type());
        } else {
            masked = MaskExpressions.of(mask.type(), quoted, column.type());
        }
        return masked + " AS " + quoted;
    }

    /**
     * Reads a row filter as Spark would and writes each table it names in full, so that it means the same inside any
     * statement; a filter that is no valid condition makes the table unreadable until the policy is corrected.
     */
    private TablePolicy.CompiledFilter compile(TableName table, RowFilter rowFilter) {
        String prefix = "SELECT * FROM " + table.quoted() + " WHERE ";
        Analysis analysis = frontEnd.analyze(prefix + rowFilter.expression(),
                new SessionContext(table.catalog(), table.database(), Set.of()));
        if (!analysis.isUnderstood() || analysis.type() != StatementType.QUERY) {
            throw invalidPolicy("row filter", rowFilter.policyId(), table, rowFilter.expression(),
                    analysis.parseFailure().orElse("it is not a condition"));
        }
        List<TableName> tablesRead = new ArrayList<>();
        List<TextEdits.Edit> edits = new ArrayList<>();
        for (TableReference reference : analysis.references()) {
            if (reference.start() >= prefix.length()) {
                tablesRead.add(reference.table());
                edits.add(TextEdits.qualify(reference));
            }
        }
        String text = TextEdits.apply(analysis.sql(), edits).substring(prefix.length());
        return new TablePolicy.CompiledFilter(text, tablesRead, rowFilter.policyId(), rowFilter.expression());
    }

    private static LakegateException invalidPolicy(
            String what, long policyId, TableName table, String expression, String reason) {
        LOG.warn("The {} of Ranger policy {} on {} is refused: {} (expression: {})", what, policyId, table, reason,
                expression);
        return new LakegateException(SqlStates.ACCESS_DENIED, "The " + what + " of access policy " + policyId
                + " on " + table + " is not valid Spark SQL, so the table cannot be read until an administrator "
                + "corrects the policy");
    }
}
