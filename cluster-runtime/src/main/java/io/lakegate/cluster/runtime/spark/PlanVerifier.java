package io.lakegate.cluster.runtime.spark;

import static io.lakegate.cluster.runtime.spark.PlanNames.nameOf;
import static io.lakegate.cluster.runtime.spark.PlanNames.relationName;

import io.lakegate.cluster.runtime.Approval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.ResolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.ResolvedPersistentView;
import org.apache.spark.sql.catalyst.analysis.ResolvedTable;
import org.apache.spark.sql.catalyst.catalog.HiveTableRelation;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.DeleteFromTable;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.MergeIntoTable;
import org.apache.spark.sql.catalyst.plans.logical.RowLevelWrite;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.UpdateTable;
import org.apache.spark.sql.catalyst.plans.logical.V2WriteCommand;
import org.apache.spark.sql.catalyst.plans.logical.View;
import org.apache.spark.sql.catalyst.plans.logical.views.ResolvedV2View;
import org.apache.spark.sql.connector.catalog.CatalogManager;
import org.apache.spark.sql.execution.command.CreateDataSourceTableAsSelectCommand;
import org.apache.spark.sql.execution.command.InsertIntoDataSourceDirCommand;
import org.apache.spark.sql.execution.command.SetCommand;
import org.apache.spark.sql.execution.datasources.InsertIntoDataSourceCommand;
import org.apache.spark.sql.execution.datasources.InsertIntoHadoopFsRelationCommand;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Checks Spark's own analysed plan of every statement against the approval the gateway sent with the execution
 * ({@link Approval}, carried as an operation tag, which Spark Connect makes a job tag of the execution thread before
 * it analyses anything). Fails closed: a plan analysed without an approval is refused.
 *
 * <p>With a restricted approval, the plan may read only relations in {@code read}: tables, Iceberg metadata tables
 * and branches (each by its own full name, such as {@code lakehouse.db.t.snapshots}), and views; a view counts as a
 * read of the view and of every base table under it, so {@code read} must hold both (checking the base tables too
 * catches a view whose definition changed between the gateway's analysis and the run). Temporary views and CTEs are
 * not names of their own: the relations they resolve to are checked. A protected table may be read only directly
 * under the gateway's alias {@code __lakegate_<nonce>} (Spark's own table-name alias may sit between), never through
 * time travel, and its metadata tables and branches not at all. Write targets must be in {@code written} and not be
 * protected; the read of the target that a row-level DELETE, UPDATE or MERGE makes is part of the write, and so is
 * an Iceberg DDL extension's target ({@code CREATE BRANCH}, {@code ADD PARTITION FIELD}, ...). DESCRIBE and SHOW of
 * a table or view need it in {@code described}; listings of databases, tables and views are refused (the gateway
 * answers them itself), and so is giving a table a location (LOCATION, {@code path}, SET LOCATION). File paths,
 * relations of cached or in-memory data, unknown relations and Java reflection ({@code reflect}, {@code java_method},
 * {@code try_reflect}, which could read the cluster's environment) are refused, and so are the commands that run or
 * load code on the cluster (script transforms, {@code ADD JAR}, functions from classes), load files ({@code LOAD
 * DATA}), run catalog procedures (whose table names are plain strings no plan shows), or read the catalog's settings
 * ({@code SET} of a catalog or secret key, or of all keys).
 */
final class PlanVerifier extends AbstractFunction1<LogicalPlan, BoxedUnit> {
    private static final String JOB_TAGS = "spark.job.tags";
    /** Plans a restricted statement may never hold, by Spark's node name, with the reason. */
    private static final Map<String, String> FORBIDDEN_NODES = Map.of(
            "ScriptTransformation", "it runs a script on the cluster",
            "AddJarsCommand", "it loads code onto the cluster",
            "AddFilesCommand", "it loads files onto the cluster",
            "AddArchivesCommand", "it loads files onto the cluster",
            "CreateFunctionCommand", "it makes a function of a class",
            "LoadDataCommand", "it loads files by path",
            "DropNamespace", "it drops a database with whatever tables it holds",
            "Call", "it runs a catalog procedure");
    private static final Pattern PROTECTED_SETTING =
            Pattern.compile("(?i)spark\\.sql\\.catalog\\..*|.*(password|secret|token|credential|key).*");

    private final SparkSession session;

    PlanVerifier(SparkSession session) {
        this.session = session;
    }

    @Override
    public BoxedUnit apply(LogicalPlan plan) {
        Approval approval = currentApproval(session);
        if (!approval.unrestricted()) {
            new Walk(approval, session.sessionState().catalogManager()).visit(plan, List.of(), null);
        }
        return BoxedUnit.UNIT;
    }

    /** The approval of the execution this thread runs; refused when there is none, or more than one. */
    static Approval currentApproval(SparkSession session) {
        String tags = session.sparkContext().getLocalProperty(JOB_TAGS);
        Approval found = null;
        for (String tag : tags == null ? new String[0] : tags.split(",")) {
            Optional<Approval> approval;
            try {
                approval = Approval.fromTag(tag);
            } catch (IllegalArgumentException e) {
                throw new LakegateRefusal("its approval from the gateway does not decode (" + e.getMessage() + ")");
            }
            if (approval.isPresent()) {
                if (found != null && !found.equals(approval.get())) {
                    throw new LakegateRefusal("it carries more than one approval from the gateway");
                }
                found = approval.get();
            }
        }
        if (found == null) {
            throw new LakegateRefusal("it carries no approval from the gateway");
        }
        return found;
    }

    /** One pass over a plan, its subqueries included, for one approval. */
    private static final class Walk {
        private final Approval approval;
        private final CatalogManager catalogs;

        Walk(Approval approval, CatalogManager catalogs) {
            this.approval = approval;
            this.catalogs = catalogs;
        }

        /**
         * @param aliases the aliases of the unbroken chain of {@link SubqueryAlias} nodes right above this node
         * @param writeTarget the target of the row-level write this node belongs to, whose read is part of the write
         */
        void visit(LogicalPlan node, List<String> aliases, String writeTarget) {
            String forbidden = FORBIDDEN_NODES.get(node.nodeName());
            if (forbidden != null || node.nodeName().endsWith("Procedure")) {
                throw new LakegateRefusal((forbidden == null ? "it runs a catalog procedure" : forbidden)
                        + ", which the gateway never approves for a user with policies");
            }
            if (node instanceof SetCommand set) {
                checkSetting(set);
            }
            if (PlanCommands.isMetadataCommand(node)) {
                described(node);
                return;
            }
            Optional<String> location = PlanCommands.location(node);
            if (location.isPresent()) {
                throw new LakegateRefusal("it places a table at the location " + location.get()
                        + ", which the gateway never approves for a user with policies");
            }
            Optional<List<String>> extensionTarget = PlanCommands.icebergTarget(node);
            if (extensionTarget.isPresent()) {
                requireWritten(qualified(extensionTarget.get()));
                return;
            }
            checkExpressions(node, writeTarget);
            if (node instanceof SubqueryAlias alias) {
                persistentViewName(alias).ifPresent(this::requireRead);
                List<String> chain = new ArrayList<>(aliases);
                chain.add(alias.alias());
                visit(alias.child(), chain, writeTarget);
                return;
            }
            if (node instanceof View view) {
                if (!view.isTempView()) {
                    requireRead(nameOf(view.desc().identifier()));
                }
                visitChildren(node, writeTarget);
                return;
            }
            if (node instanceof DataSourceV2Relation relation) {
                read(nameOf(relation), aliases, writeTarget, relation.timeTravelSpec().isDefined());
                return;
            }
            if (node instanceof LogicalRelation relation) {
                if (relation.catalogTable().isEmpty()) {
                    throw new LakegateRefusal("it reads files by path, which the gateway never approves");
                }
                read(nameOf(relation.catalogTable().get().identifier()), aliases, writeTarget, false);
                return;
            }
            if (node instanceof HiveTableRelation relation) {
                read(nameOf(relation.tableMeta().identifier()), aliases, writeTarget, false);
                return;
            }
            if (node instanceof RowLevelWrite write) {
                String target = nameOf(write.table());
                requireWritten(target);
                visit(write.query(), List.of(), target);
                return;
            }
            if (node instanceof V2WriteCommand write) {
                requireWritten(nameOf(write.table()));
                visit(write.query(), List.of(), writeTarget);
                return;
            }
            Optional<LogicalPlan> rowLevelTarget = rowLevelTarget(node);
            if (rowLevelTarget.isPresent()) {
                String target = relationName(rowLevelTarget.get());
                requireWritten(target);
                visitChildren(node, target);
                return;
            }
            if (node instanceof InsertIntoHadoopFsRelationCommand insert) {
                if (insert.catalogTable().isEmpty()) {
                    throw new LakegateRefusal("it writes files by path, which the gateway never approves");
                }
                requireWritten(nameOf(insert.catalogTable().get().identifier()));
                visitChildren(node, writeTarget);
                return;
            }
            if (node instanceof InsertIntoDataSourceDirCommand) {
                throw new LakegateRefusal("it writes into a directory, which the gateway never approves");
            }
            if (node instanceof InsertIntoDataSourceCommand insert) {
                requireWritten(relationName(insert.logicalRelation()));
                visit(insert.query(), List.of(), writeTarget);
                return;
            }
            if (node instanceof CreateDataSourceTableAsSelectCommand create) {
                requireWritten(nameOf(create.table().identifier()));
                visit(create.query(), List.of(), writeTarget);
                return;
            }
            if (node instanceof ResolvedIdentifier resolved) {
                requireWritten(nameOf(resolved.catalog().name(), resolved.identifier()));
                return;
            }
            if (node instanceof ResolvedTable resolved) {
                named(nameOf(resolved.catalog().name(), resolved.identifier()));
                return;
            }
            if (node instanceof ResolvedPersistentView resolved) {
                named(nameOf(resolved.catalog().name(), resolved.identifier()));
                return;
            }
            if (node instanceof ResolvedV2View resolved) {
                named(nameOf(resolved.catalog().name(), resolved.identifier()));
                return;
            }
            if (node.children().isEmpty() && isDataLeaf(node)) {
                throw new LakegateRefusal("it reads a relation of a kind the gateway cannot approve ("
                        + node.nodeName() + ")");
            }
            visitChildren(node, writeTarget);
        }

        /** {@code SET} may not list every setting, nor read or change the catalog's or a secret one. */
        private void checkSetting(SetCommand set) {
            if (set.kv().isEmpty()) {
                throw new LakegateRefusal("it lists the cluster's settings, which the gateway never approves");
            }
            String key = set.kv().get()._1();
            if (key.equals("-v") || PROTECTED_SETTING.matcher(key).matches()) {
                throw new LakegateRefusal("it reads or changes the setting " + key + ", which the gateway never "
                        + "approves");
            }
        }

        private void visitChildren(LogicalPlan node, String writeTarget) {
            for (LogicalPlan child : CollectionConverters.asJava(node.children())) {
                visit(child, List.of(), writeTarget);
            }
        }

        private void checkExpressions(LogicalPlan node, String writeTarget) {
            for (Expression expression : CollectionConverters.asJava(node.expressions())) {
                checkExpression(expression, node, writeTarget);
            }
        }

        private void checkExpression(Expression expression, LogicalPlan node, String writeTarget) {
            if (expression instanceof CallMethodViaReflection) {
                throw new LakegateRefusal("it calls Java methods through reflection (reflect, java_method, "
                        + "try_reflect), which the gateway never approves");
            }
            if (expression instanceof SubqueryExpression subquery) {
                visit(subquery.plan(), List.of(), writeTarget);
            }
            for (Expression child : CollectionConverters.asJava(expression.children())) {
                checkExpression(child, node, writeTarget);
            }
        }

        /** A read of a table, a metadata table or a branch. */
        private void read(String name, List<String> aliases, String writeTarget, boolean timeTravel) {
            if (name.equals(writeTarget)) {
                return;
            }
            for (String table : approval.protectedTables()) {
                if (name.startsWith(table + ".")) {
                    throw new LakegateRefusal("it reads " + name + ", metadata or a branch of the protected table "
                            + table);
                }
            }
            if (approval.protectedTables().contains(name)) {
                if (timeTravel) {
                    throw new LakegateRefusal("it reads an earlier version of the protected table " + name);
                }
                if (aliases.stream().noneMatch(alias -> alias.equalsIgnoreCase(approval.nonceAlias()))) {
                    throw new LakegateRefusal("it reads the protected table " + name
                            + " other than through the gateway's row filter and masks");
                }
            }
            requireRead(name);
        }

        /** A table or view that a command other than DESCRIBE and SHOW names: it changes it. */
        private void named(String name) {
            requireWritten(name);
        }

        /**
         * DESCRIBE and SHOW of one table or view need the gateway's approval of its description; listings of
         * databases, tables and views the gateway answers itself for a user with policies, so they never reach here.
         */
        private void described(LogicalPlan command) {
            Optional<String> name = PlanCommands.describedName(command);
            if (name.isEmpty()) {
                throw new LakegateRefusal("it lists or describes databases, tables or views ("
                        + command.nodeName() + "), which the gateway answers itself for a user with policies");
            }
            if (!approval.described().contains(name.get())) {
                throw new LakegateRefusal("it describes " + name.get() + ", which the gateway did not approve");
            }
        }

        /** A table name as a user wrote it, qualified as Spark resolves it: catalog, namespace, table. */
        private String qualified(List<String> parts) {
            if (parts.size() > 1 && catalogs.isCatalogRegistered(parts.get(0))) {
                return String.join(".", parts).toLowerCase(Locale.ROOT);
            }
            List<String> name = new ArrayList<>();
            name.add(catalogs.currentCatalog().name());
            if (parts.size() == 1) {
                name.addAll(List.of(catalogs.currentNamespace()));
            }
            name.addAll(parts);
            return String.join(".", name).toLowerCase(Locale.ROOT);
        }

        private void requireRead(String name) {
            if (!approval.read().contains(name)) {
                throw new LakegateRefusal("it reads " + name + ", which the gateway did not approve");
            }
        }

        private void requireWritten(String name) {
            if (approval.protectedTables().contains(name)) {
                throw new LakegateRefusal("it writes or changes the protected table " + name);
            }
            if (!approval.written().contains(name)) {
                throw new LakegateRefusal("it writes or changes " + name + ", which the gateway did not approve");
            }
        }
    }

    /**
     * The name of the catalog view an alias stands for. Spark 4.1 resolves a view of a V2 catalog (Iceberg's views)
     * to {@code SubqueryAlias catalog.db.view} over the view's analysed query, with no {@link View} node; a table is
     * the same alias directly over its relation. SQL cannot write a qualified alias, so only Spark makes these.
     */
    private static Optional<String> persistentViewName(SubqueryAlias alias) {
        List<String> qualifier = CollectionConverters.asJava(alias.identifier().qualifier());
        LogicalPlan child = alias.child();
        if (qualifier.size() < 2 || child instanceof DataSourceV2Relation || child instanceof LogicalRelation
                || child instanceof HiveTableRelation || child instanceof View || child instanceof SubqueryAlias) {
            return Optional.empty();
        }
        return Optional.of(nameOf(alias));
    }

    /** The target of an unrewritten row-level DELETE, UPDATE or MERGE. */
    private static Optional<LogicalPlan> rowLevelTarget(LogicalPlan node) {
        if (node instanceof DeleteFromTable delete) {
            return Optional.of(delete.table());
        }
        if (node instanceof UpdateTable update) {
            return Optional.of(update.table());
        }
        if (node instanceof MergeIntoTable merge) {
            return Optional.of(merge.targetTable());
        }
        return Optional.empty();
    }

    /** Leaves that stand for data of their own: in-memory, cached, streaming or RDD relations. */
    private static boolean isDataLeaf(LogicalPlan leaf) {
        String name = leaf.nodeName();
        if (name.equals("LocalRelation") || name.equals("OneRowRelation")) {
            return false;
        }
        return name.endsWith("Relation") || name.endsWith("RelationV2") || name.endsWith("RDD");
    }
}
