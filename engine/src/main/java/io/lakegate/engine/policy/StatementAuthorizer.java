package io.lakegate.engine.policy;

import io.lakegate.catalog.NoSuchDatabaseException;
import io.lakegate.catalog.NoSuchTableException;
import io.lakegate.cluster.runtime.Approval;
import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.connect.ExecutionApproval;
import io.lakegate.catalog.LakeCatalog;
import io.lakegate.engine.frontend.Analysis;
import io.lakegate.engine.frontend.ListingStatement;
import io.lakegate.engine.frontend.ColumnUse;
import io.lakegate.engine.frontend.SparkIdentifiers;
import io.lakegate.engine.frontend.StatementType;
import io.lakegate.engine.frontend.TableName;
import io.lakegate.engine.frontend.TableReference;
import io.lakegate.policy.AccessDecision;
import io.lakegate.policy.AccessType;
import io.lakegate.policy.AuditEvent;
import io.lakegate.policy.ColumnMask;
import io.lakegate.policy.HiveResource;
import io.lakegate.policy.Principal;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The check and rewrite of one statement for one restricted principal. Every table and view it reads or writes is
 * checked before anything runs; each read of a protected table is replaced by a subquery that shows only what the
 * policies let the principal see; views whose tables are protected are replaced by their rewritten definitions.
 */
final class StatementAuthorizer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccessControl control;
    private final Principal principal;
    private final AccessControl.StatementContext context;
    private final String statementText;
    private final String nonce;
    private final Set<TableName> read = new LinkedHashSet<>();
    private final Set<TableName> written = new LinkedHashSet<>();
    private final Set<TableName> protectedTables = new LinkedHashSet<>();
    private final Set<TableName> described = new LinkedHashSet<>();
    private final List<AuditEvent> allowed = new ArrayList<>();

    StatementAuthorizer(AccessControl control, Principal principal, AccessControl.StatementContext context,
            String statementText) {
        this.control = control;
        this.principal = principal;
        this.context = context;
        this.statementText = statementText;
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        this.nonce = HexFormat.of().formatHex(bytes);
    }

    AuthorizedStatement authorize(Analysis analysis) {
        if (analysis.type() == StatementType.SHOW) {
            Optional<ListingStatement> listing = ListingStatement.parse(analysis.sql());
            if (listing.isPresent()) {
                return new AuthorizedStatement(listing(listing.get()), new ExecutionApproval(false, nonce, Set.of(),
                        Set.of(), Set.of(), Set.of()));
            }
        }
        if (!analysis.isUnderstood()) {
            throw refused("Lakegate cannot check this statement against the access policies ("
                    + analysis.parseFailure().orElse("its form is not supported") + "), so it does not run it for "
                    + principal.user());
        }
        String sql = switch (analysis.type()) {
            case QUERY, EXPLAIN, INSERT, MERGE, UPDATE, DELETE, CREATE_TABLE, CREATE_TABLE_AS_SELECT, CREATE_VIEW,
                    CACHE -> statement(analysis);
            case DESCRIBE, SHOW -> metadata(analysis);
            case DROP, ALTER, TRUNCATE -> definition(analysis);
            case ANALYZE, REFRESH, UNCACHE -> maintenance(analysis);
            case USE, SET, RESET -> analysis.sql();
            case CREATE_DATABASE, CALL, OTHER -> throw refused("Statements of this kind (" + kind(analysis.type())
                    + ") are reserved for administrators while access policies apply to " + principal.user());
        };
        SpecialForms.check(analysis, !protectedTables.isEmpty(), principal.user());
        allowed.forEach(control.policies()::audit);
        return new AuthorizedStatement(sql, new ExecutionApproval(false, nonce, names(read), names(written),
                names(protectedTables), names(described)));
    }

    /** Queries and DML: writes need their access and an open target; reads are checked and rewritten. */
    private String statement(Analysis analysis) {
        for (TableReference reference : analysis.references()) {
            if (reference.access() == TableReference.Access.WRITE) {
                write(reference.table(), writeAccess(analysis.type()));
                if (readsTarget(analysis.type())) {
                    // Spark's plan of a row-level write reads the target too; a writable target is never protected.
                    read.add(reference.table());
                }
            }
        }
        List<TextEdits.Edit> edits = new ArrayList<>();
        boolean protectedRead = reads(analysis, edits, false);
        boolean definesName = analysis.type() == StatementType.CREATE_VIEW || analysis.type() == StatementType.CACHE;
        if (protectedRead && definesName) {
            // A view or cached relation over protected data would be read later under a name of its own.
            throw refused("Creating a view or cached table over tables with row filters, masks or column "
                    + "restrictions is not allowed for " + principal.user());
        }
        return TextEdits.apply(analysis.sql(), edits);
    }

    /**
     * Checks the reads of an analysis and collects the edits that apply the policies; true when any read needed one.
     *
     * @param qualifyAll whether every reference is to be written in full: the text is a view's definition that will
     *     stand inside another statement
     */
    private boolean reads(Analysis analysis, List<TextEdits.Edit> edits, boolean qualifyAll) {
        boolean anyProtected = false;
        for (TableReference reference : analysis.references()) {
            if (reference.access() != TableReference.Access.READ) {
                continue;
            }
            Optional<String> source = read(analysis, reference);
            if (source.isPresent()) {
                anyProtected = true;
                edits.add(TextEdits.replace(analysis.sql(), reference, source.get()));
            } else if (qualifyAll) {
                edits.add(TextEdits.qualify(reference));
            }
        }
        return anyProtected;
    }

    /** Checks one read; the parenthesised query to read it from instead, when the policies need one. */
    private Optional<String> read(Analysis analysis, TableReference reference) {
        TableName table = reference.table();
        switch (reference.form()) {
            case GLOBAL_TEMPORARY_VIEW, FILE_PATH -> throw refused("Permission denied: " + principal.user()
                    + " may not read " + (reference.form() == TableReference.Form.FILE_PATH ? "files directly"
                            : "global temporary views") + " while access policies apply to them");
            case METADATA_TABLE -> {
                metadataTable(table, reference.selector());
                return Optional.empty();
            }
            case TIME_TRAVEL -> timeTravel(table, reference.selector());
            case TABLE -> {
                // Read below.
            }
        }
        TablePolicy policy = policyOf(table);
        ColumnUse use = analysis.columnUse().getOrDefault(reference, ColumnUse.ALL);
        checkColumns(policy, use);
        read.add(table);
        Analysis view = analysis.views().get(table);
        if (view != null) {
            List<TextEdits.Edit> edits = new ArrayList<>();
            boolean protectedInside = reads(view, edits, true);
            if (!protectedInside && !policy.isProtected()) {
                return Optional.empty();
            }
            String definition = "(SELECT * FROM (" + TextEdits.apply(view.sql(), edits) + ") AS "
                    + SparkIdentifiers.quote("__lakegate_view") + "(" + policy.columns().stream()
                            .map(column -> SparkIdentifiers.quote(column.name())).collect(Collectors.joining(", "))
                    + "))";
            return Optional.of(policy.isProtected() ? protectedSource(policy, definition) : definition);
        }
        return policy.isProtected() ? Optional.of(protectedSource(policy, table.quoted())) : Optional.empty();
    }

    /**
     * An Iceberg metadata table shows raw statistics (bounds, counts) of every row: only for tables the principal may
     * read whole.
     */
    private void metadataTable(TableName table, String metadata) {
        TablePolicy policy = policyOf(table);
        checkColumns(policy, ColumnUse.NONE);
        if (policy.isProtected()) {
            throw refused("Permission denied: the metadata tables of " + table + " show raw values of rows and "
                    + "columns that policies hide from " + principal.user());
        }
        read.add(table);
        read.add(selected(table, metadata));
    }

    /** An old snapshot, branch or tag reads as the table; a protected one is not filtered there, so it is denied. */
    private void timeTravel(TableName table, String selector) {
        TablePolicy policy = policyOf(table);
        if (policy.isProtected()) {
            throw refused("Permission denied: " + table + " has row filters, masks or column restrictions for "
                    + principal.user() + ", so its earlier versions, branches and tags cannot be read");
        }
        if (!selector.contains(" ")) {
            read.add(selected(table, selector));
        }
    }

    private String protectedSource(TablePolicy policy, String source) {
        protectedTables.add(policy.table());
        policy.filter().ifPresent(filter -> {
            read.addAll(filter.tablesRead());
            allowed.add(event(HiveResource.table(policy.table().database(), policy.table().table()),
                    AccessType.SELECT, true, OptionalLong.of(filter.policyId()),
                    Optional.of("row filter: " + filter.expression())));
        });
        for (ColumnMask mask : policy.masks().values()) {
            allowed.add(event(HiveResource.column(policy.table().database(), policy.table().table(), mask.column()),
                    AccessType.SELECT, true, OptionalLong.of(mask.policyId()), Optional.of("mask: " + mask.type())));
        }
        return "(SELECT " + policy.projection() + " FROM " + source + " AS "
                + SparkIdentifiers.quote(Approval.NONCE_ALIAS_PREFIX + nonce)
                + policy.filter().map(filter -> " WHERE " + filter.text()).orElse("") + ")";
    }

    /** Every column the statement uses must be readable; a star needs them all, as in Hive. */
    private void checkColumns(TablePolicy policy, ColumnUse use) {
        TableName table = policy.table();
        if (!policy.readable()) {
            deny(policy.tableAccess());
        }
        for (var column : policy.columns()) {
            String name = column.name().toLowerCase(Locale.ROOT);
            if ((use.allColumns() || use.columns().contains(name)) && !policy.mayRead(name)) {
                AccessDecision decision = policy.columnAccess().get(name);
                if (use.allColumns() && !use.columns().contains(name)) {
                    audit(decision, false);
                    throw refused("Permission denied: user " + principal.user() + " may not read column "
                            + decision.resource() + ", so " + table + " cannot be read with * or as a whole; name "
                            + "the columns you need");
                }
                deny(decision);
            }
        }
        allowed.add(event(policy.tableAccess().resource(), AccessType.SELECT, true, policy.tableAccess().policyId(),
                Optional.empty()));
    }

    /** An Iceberg metadata table, branch or tag of a table, by the name Spark's plan gives it. */
    private static TableName selected(TableName table, String selector) {
        return new TableName(table.catalog(), table.database() + "." + table.table(), selector);
    }

    /** DESCRIBE and SHOW of a table: it must be readable, and listing columns the user may not read is refused. */
    private String metadata(Analysis analysis) {
        for (TableReference reference : analysis.references()) {
            TablePolicy policy = policyOf(reference.table());
            if (!policy.readable()) {
                deny(policy.tableAccess());
            }
            if (policy.hasDeniedColumns()) {
                throw refused("Permission denied: " + reference.table() + " has columns that user "
                        + principal.user() + " may not read, so its description is not shown");
            }
            allowed.add(event(policy.tableAccess().resource(), AccessType.SELECT, true,
                    policy.tableAccess().policyId(), Optional.empty()));
            // DESCRIBE QUERY reads its query's tables; DESCRIBE and SHOW of a table describe it.
            read.add(reference.table());
            described.add(reference.form() == TableReference.Form.METADATA_TABLE
                    ? selected(reference.table(), reference.selector()) : reference.table());
        }
        if (analysis.references().isEmpty()) {
            throw refused("Listings of databases, tables and views are not available through SQL while access "
                    + "policies apply to " + principal.user() + "; use the catalog listings of your client");
        }
        return analysis.sql();
    }

    /** A listing of databases, tables or views, answered from the catalog as the principal may see it. */
    private String listing(ListingStatement listing) {
        LakeCatalog visible = control.visibleCatalog(principal);
        List<String> parts = listing.database().orElse(List.of());
        boolean catalogFirst = !parts.isEmpty() && parts.get(0).equalsIgnoreCase(control.catalogName());
        List<String> namespace = catalogFirst ? parts.subList(1, parts.size()) : parts;
        if (listing.kind() == ListingStatement.Kind.DATABASES) {
            if (!namespace.isEmpty() || (listing.database().isPresent() && !catalogFirst)) {
                throw refused("Listing namespaces inside " + String.join(".", parts) + " is not available while "
                        + "access policies apply to " + principal.user());
            }
            return ListingQueries.databases(visible, listing.pattern());
        }
        String database = namespace.isEmpty() ? context.database() : String.join(".", namespace);
        if (parts.size() > 1 && !catalogFirst && !control.inCatalog(new TableName(parts.get(0), "x", "x"))) {
            throw refused("Permission denied: " + String.join(".", parts) + " is outside the catalog that access "
                    + "policies cover");
        }
        if (!visible.databaseExists(database)) {
            throw new NoSuchDatabaseException(database);
        }
        return ListingQueries.tables(visible, database, listing.pattern(),
                listing.kind() == ListingStatement.Kind.VIEWS);
    }

    /** DROP, ALTER and TRUNCATE: the access they need, and never on a protected table. */
    private String definition(Analysis analysis) {
        if (analysis.references().isEmpty() && analysis.temporaryView().isEmpty()) {
            throw refused("Dropping or altering databases and functions is reserved for administrators while "
                    + "access policies apply to " + principal.user());
        }
        AccessType type = switch (analysis.type()) {
            case DROP -> AccessType.DROP;
            case ALTER -> AccessType.ALTER;
            default -> AccessType.UPDATE;
        };
        for (TableReference reference : analysis.references()) {
            write(reference.table(), type);
        }
        return analysis.sql();
    }

    /** ANALYZE, REFRESH, UNCACHE: readable tables; statistics of protected ones would hold raw minima and maxima. */
    private String maintenance(Analysis analysis) {
        for (TableReference reference : analysis.references()) {
            TablePolicy policy = policyOf(reference.table());
            checkColumns(policy, ColumnUse.NONE);
            if (analysis.type() == StatementType.ANALYZE && policy.isProtected()) {
                throw refused("Permission denied: " + reference.table() + " has row filters, masks or column "
                        + "restrictions for " + principal.user() + ", and its statistics would show raw values");
            }
            read.add(reference.table());
        }
        return analysis.sql();
    }

    private void write(TableName table, AccessType type) {
        requireCatalog(table);
        HiveResource resource = HiveResource.table(table.database(), table.table());
        AccessDecision decision = control.policies().check(principal, resource, type);
        if (!decision.allowed()) {
            deny(decision);
        }
        TablePolicy existing;
        try {
            existing = control.tablePolicy(principal, table);
        } catch (NoSuchTableException e) {
            existing = null;
        }
        if (existing != null && existing.isProtected()) {
            audit(decision, false);
            throw refused("Permission denied: " + table + " has row filters, masks or column restrictions for "
                    + principal.user() + ", so it cannot be written, replaced or dropped");
        }
        written.add(table);
        allowed.add(event(resource, type, true, decision.policyId(), Optional.empty()));
    }

    private static boolean readsTarget(StatementType type) {
        return type == StatementType.MERGE || type == StatementType.UPDATE || type == StatementType.DELETE;
    }

    private static AccessType writeAccess(StatementType type) {
        return switch (type) {
            case CREATE_TABLE, CREATE_TABLE_AS_SELECT, CREATE_VIEW -> AccessType.CREATE;
            default -> AccessType.UPDATE;
        };
    }

    private TablePolicy policyOf(TableName table) {
        requireCatalog(table);
        return control.tablePolicy(principal, table);
    }

    private void requireCatalog(TableName table) {
        if (!control.inCatalog(table)) {
            throw refused("Permission denied: " + table + " is outside the catalog that access policies cover, and "
                    + "user " + principal.user() + " may only use that catalog");
        }
    }

    private void deny(AccessDecision decision) {
        audit(decision, false);
        throw refused("Permission denied: user " + principal.user() + " does not have " + decision.accessType()
                + " privilege on " + decision.resource());
    }

    private void audit(AccessDecision decision, boolean allowedResult) {
        control.policies().audit(event(decision.resource(), decision.accessType(), allowedResult,
                decision.policyId(), Optional.empty()));
    }

    private AuditEvent event(HiveResource resource, AccessType type, boolean allowedResult, OptionalLong policyId,
            Optional<String> applied) {
        return new AuditEvent(Instant.now(), principal, context.sessionId(), context.statementId(), resource, type,
                allowedResult,
                policyId, applied,
                control.policies().auditsStatements() ? Optional.of(statementText) : Optional.empty());
    }

    private static LakegateException refused(String message) {
        return new LakegateException(SqlStates.ACCESS_DENIED, message);
    }

    private static String kind(StatementType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static Set<String> names(Set<TableName> tables) {
        return tables.stream().map(TableName::toString).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
