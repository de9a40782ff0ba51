package io.lakegate.cluster.runtime.spark;

import java.util.Locale;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.NamedRelation;
import org.apache.spark.sql.catalyst.catalog.HiveTableRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The names the plan check compares with the gateway's approval: fully qualified ({@code catalog.db.table}, an
 * Iceberg metadata table or branch one part longer) and in lower case, as the gateway sends them.
 */
final class PlanNames {
    private static final String DEFAULT_V1_CATALOG = "spark_catalog";

    private PlanNames() {}

    /** The name of the relation a write target resolves to, below Spark's aliases. */
    static String relationName(LogicalPlan plan) {
        LogicalPlan current = plan;
        while (current instanceof SubqueryAlias alias) {
            current = alias.child();
        }
        if (current instanceof DataSourceV2Relation relation) {
            return nameOf(relation);
        }
        if (current instanceof LogicalRelation relation && relation.catalogTable().isDefined()) {
            return nameOf(relation.catalogTable().get().identifier());
        }
        if (current instanceof HiveTableRelation relation) {
            return nameOf(relation.tableMeta().identifier());
        }
        throw new LakegateRefusal("it writes to a target the gateway cannot name (" + current.nodeName() + ")");
    }

    static String nameOf(NamedRelation relation) {
        if (relation instanceof DataSourceV2Relation v2) {
            return nameOf(v2);
        }
        return relationName((LogicalPlan) relation);
    }

    static String nameOf(DataSourceV2Relation relation) {
        if (relation.catalog().isEmpty() || relation.identifier().isEmpty()) {
            throw new LakegateRefusal("it reads files by path or a table without a name ("
                    + relation.table().name() + "), which the gateway never approves");
        }
        return nameOf(relation.catalog().get().name(), relation.identifier().get());
    }

    static String nameOf(String catalog, Identifier identifier) {
        StringBuilder name = new StringBuilder(catalog);
        for (String part : identifier.namespace()) {
            name.append('.').append(part);
        }
        return name.append('.').append(identifier.name()).toString().toLowerCase(Locale.ROOT);
    }

    /** The full name of an alias that Spark qualified: {@code catalog.db.name}, which SQL cannot write. */
    static String nameOf(SubqueryAlias alias) {
        return (String.join(".", CollectionConverters.asJava(alias.identifier().qualifier())) + "."
                + alias.identifier().name()).toLowerCase(Locale.ROOT);
    }

    static String nameOf(TableIdentifier identifier) {
        String catalog = identifier.catalog().isDefined() ? identifier.catalog().get() : DEFAULT_V1_CATALOG;
        String database = identifier.database().isDefined() ? identifier.database().get() : "default";
        return (catalog + "." + database + "." + identifier.table()).toLowerCase(Locale.ROOT);
    }
}
