package io.lakegate.engine.policy;

import static java.util.Objects.requireNonNull;

import io.lakegate.catalog.ColumnInfo;
import io.lakegate.catalog.LakeCatalog;
import io.lakegate.catalog.NoSuchTableException;
import io.lakegate.catalog.TableInfo;
import io.lakegate.catalog.ViewDefinition;
import io.lakegate.policy.AccessType;
import io.lakegate.policy.HiveResource;
import io.lakegate.policy.PolicyEngine;
import io.lakegate.policy.Principal;
import java.util.List;
import java.util.Optional;

/**
 * The catalog as one principal may see it, the way Hive filters its listings: databases and tables the principal
 * has some access to, and of their columns those it may read. Objects it may not see do not exist for it.
 */
final class VisibleCatalog implements LakeCatalog {
    private final LakeCatalog catalog;
    private final PolicyEngine policies;
    private final Principal principal;

    VisibleCatalog(LakeCatalog catalog, PolicyEngine policies, Principal principal) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.principal = requireNonNull(principal, "principal is null");
    }

    @Override
    public String name() {
        return catalog.name();
    }

    @Override
    public List<String> listDatabases() {
        return catalog.listDatabases().stream().filter(this::mayListDatabase).toList();
    }

    @Override
    public boolean databaseExists(String database) {
        return catalog.databaseExists(database) && mayListDatabase(database);
    }

    @Override
    public List<TableInfo> listTables(String database) {
        return catalog.listTables(database).stream().filter(table -> mayList(table.database(), table.name()))
                .toList();
    }

    @Override
    public TableInfo table(String database, String name) {
        TableInfo table = catalog.table(database, name);
        if (!mayList(database, name)) {
            throw new NoSuchTableException(database, name);
        }
        return table;
    }

    @Override
    public List<ColumnInfo> columns(String database, String table) {
        List<ColumnInfo> columns = catalog.columns(database, table);
        if (!mayList(database, table)) {
            throw new NoSuchTableException(database, table);
        }
        return columns.stream().filter(column -> policies.check(principal,
                HiveResource.column(database, table, column.name()), AccessType.SELECT).allowed()).toList();
    }

    @Override
    public Optional<ViewDefinition> view(String database, String name) {
        return mayList(database, name) ? catalog.view(database, name) : Optional.empty();
    }

    /** The engine owns the catalog; a principal's view of it holds nothing of its own. */
    @Override
    public void close() {}

    private boolean mayListDatabase(String database) {
        return policies.hasAnyAccess(principal, HiveResource.database(database));
    }

    private boolean mayList(String database, String table) {
        return policies.hasAnyAccess(principal, HiveResource.table(database, table));
    }
}
