package io.lakegate.cluster.runtime.spark;

import static io.lakegate.cluster.runtime.spark.PlanNames.nameOf;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.ResolvedPersistentView;
import org.apache.spark.sql.catalyst.analysis.ResolvedTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.plans.logical.AddPartitionField;
import org.apache.spark.sql.catalyst.plans.logical.CreateOrReplaceBranch;
import org.apache.spark.sql.catalyst.plans.logical.CreateOrReplaceTag;
import org.apache.spark.sql.catalyst.plans.logical.CreateTable;
import org.apache.spark.sql.catalyst.plans.logical.CreateTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.DropBranch;
import org.apache.spark.sql.catalyst.plans.logical.DropIdentifierFields;
import org.apache.spark.sql.catalyst.plans.logical.DropPartitionField;
import org.apache.spark.sql.catalyst.plans.logical.DropTag;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ReplacePartitionField;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceTable;
import org.apache.spark.sql.catalyst.plans.logical.ReplaceTableAsSelect;
import org.apache.spark.sql.catalyst.plans.logical.SetIdentifierFields;
import org.apache.spark.sql.catalyst.plans.logical.SetTableLocation;
import org.apache.spark.sql.catalyst.plans.logical.SetWriteDistributionAndOrdering;
import org.apache.spark.sql.catalyst.plans.logical.TableSpec;
import org.apache.spark.sql.catalyst.plans.logical.TableSpecBase;
import org.apache.spark.sql.catalyst.plans.logical.views.ResolvedV2View;
import org.apache.spark.sql.execution.command.AlterTableSetLocationCommand;
import org.apache.spark.sql.execution.command.CreateDataSourceTableAsSelectCommand;
import org.apache.spark.sql.execution.command.CreateDataSourceTableCommand;
import org.apache.spark.sql.execution.command.CreateTableCommand;
import org.apache.spark.sql.execution.command.DescribeColumnCommand;
import org.apache.spark.sql.execution.command.DescribeTableCommand;
import org.apache.spark.sql.execution.command.ShowColumnsCommand;
import org.apache.spark.sql.execution.command.ShowCreateTableAsSerdeCommand;
import org.apache.spark.sql.execution.command.ShowCreateTableCommand;
import org.apache.spark.sql.execution.command.ShowPartitionsCommand;
import org.apache.spark.sql.execution.command.ShowTablePropertiesCommand;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/** What Spark's commands name that the plan check must see: described objects, locations, Iceberg DDL targets. */
final class PlanCommands {
    /** DESCRIBE and SHOW commands that show no data nor any table's shape: functions, procedures, catalogs. */
    private static final Set<String> HARMLESS_LISTINGS = Set.of("DescribeFunction", "DescribeFunctionCommand",
            "ShowFunctions", "ShowFunctionsCommand", "DescribeProcedureCommand", "ShowProceduresCommand",
            "ShowCatalogsCommand", "ShowCurrentNamespaceCommand");
    /** Table properties that place a table's files, as a LOCATION clause does. */
    private static final Set<String> LOCATION_PROPERTIES = Set.of("location", "path", "option.path");

    private PlanCommands() {}

    /**
     * A DESCRIBE or SHOW command that shows a table's or view's shape, or lists databases, tables or views. {@code
     * DESCRIBE QUERY} is not one: its query is checked as any other.
     */
    static boolean isMetadataCommand(LogicalPlan node) {
        String name = node.nodeName();
        return (name.startsWith("Describe") || name.startsWith("Show")) && !name.equals("DescribeQueryCommand")
                && !HARMLESS_LISTINGS.contains(name);
    }

    /** The one table or view a DESCRIBE or SHOW command describes; empty for listings and for what it cannot name. */
    static Optional<String> describedName(LogicalPlan command) {
        TableIdentifier v1 = v1Described(command);
        if (v1 != null) {
            return Optional.of(nameOf(v1));
        }
        for (LogicalPlan child : CollectionConverters.asJava(command.children())) {
            if (child instanceof ResolvedTable table) {
                return Optional.of(nameOf(table.catalog().name(), table.identifier()));
            }
            if (child instanceof ResolvedPersistentView view) {
                return Optional.of(nameOf(view.catalog().name(), view.identifier()));
            }
            if (child instanceof ResolvedV2View view) {
                return Optional.of(nameOf(view.catalog().name(), view.identifier()));
            }
        }
        return Optional.empty();
    }

    private static TableIdentifier v1Described(LogicalPlan command) {
        if (command instanceof DescribeTableCommand describe) {
            return describe.table();
        }
        if (command instanceof DescribeColumnCommand describe) {
            return describe.table();
        }
        if (command instanceof ShowCreateTableCommand show) {
            return show.table();
        }
        if (command instanceof ShowCreateTableAsSerdeCommand show) {
            return show.table();
        }
        if (command instanceof ShowTablePropertiesCommand show) {
            return show.table();
        }
        if (command instanceof ShowPartitionsCommand show) {
            return show.tableName();
        }
        if (command instanceof ShowColumnsCommand show) {
            // SHOW COLUMNS FROM t IN db: the database clause wins over the name's own.
            TableIdentifier table = show.tableName();
            return show.databaseName().isDefined()
                    ? new TableIdentifier(table.table(), show.databaseName(), table.catalog()) : table;
        }
        return null;
    }

    /** The location a command gives a table's files (LOCATION, {@code path}, SET LOCATION), if it gives one. */
    static Optional<String> location(LogicalPlan node) {
        if (node instanceof SetTableLocation set) {
            return Optional.of(set.location());
        }
        if (node instanceof AlterTableSetLocationCommand set) {
            return Optional.of(set.location());
        }
        TableSpecBase spec = null;
        if (node instanceof CreateTable create) {
            spec = create.tableSpec();
        } else if (node instanceof CreateTableAsSelect create) {
            spec = create.tableSpec();
        } else if (node instanceof ReplaceTable replace) {
            spec = replace.tableSpec();
        } else if (node instanceof ReplaceTableAsSelect replace) {
            spec = replace.tableSpec();
        }
        if (spec != null) {
            if (spec.location().isDefined()) {
                return Optional.of(spec.location().get());
            }
            Optional<String> path = locationProperty(spec.properties());
            return path.isPresent() || !(spec instanceof TableSpec resolved) ? path
                    : locationProperty(resolved.options());
        }
        CatalogTable table = null;
        if (node instanceof CreateTableCommand create) {
            table = create.table();
        } else if (node instanceof CreateDataSourceTableCommand create) {
            table = create.table();
        } else if (node instanceof CreateDataSourceTableAsSelectCommand create) {
            table = create.table();
        }
        if (table != null && table.storage().locationUri().isDefined()) {
            return Optional.of(table.storage().locationUri().get().toString());
        }
        return Optional.empty();
    }

    private static Optional<String> locationProperty(scala.collection.immutable.Map<String, String> properties) {
        for (String key : LOCATION_PROPERTIES) {
            Option<String> value = properties.get(key);
            if (value.isDefined()) {
                return Optional.of(value.get());
            }
        }
        return Optional.empty();
    }

    /**
     * The target of one of Iceberg's SQL extensions ({@code ALTER TABLE t CREATE BRANCH}, {@code ADD PARTITION
     * FIELD}, {@code WRITE ORDERED BY}, ...), as written: these name their table as plain parts, resolved only when
     * they run.
     */
    static Optional<List<String>> icebergTarget(LogicalPlan node) {
        scala.collection.immutable.Seq<String> table = null;
        if (node instanceof CreateOrReplaceBranch command) {
            table = command.table();
        } else if (node instanceof CreateOrReplaceTag command) {
            table = command.table();
        } else if (node instanceof DropBranch command) {
            table = command.table();
        } else if (node instanceof DropTag command) {
            table = command.table();
        } else if (node instanceof AddPartitionField command) {
            table = command.table();
        } else if (node instanceof DropPartitionField command) {
            table = command.table();
        } else if (node instanceof ReplacePartitionField command) {
            table = command.table();
        } else if (node instanceof SetIdentifierFields command) {
            table = command.table();
        } else if (node instanceof DropIdentifierFields command) {
            table = command.table();
        } else if (node instanceof SetWriteDistributionAndOrdering command) {
            table = command.table();
        }
        return table == null ? Optional.empty() : Optional.of(List.copyOf(CollectionConverters.asJava(table)));
    }
}
