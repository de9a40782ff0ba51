package io.lakegate.benchmarks.policy;

import io.lakegate.benchmarks.frontend.TpchStatements;
import io.lakegate.catalog.CatalogConfig;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchColumnType;
import io.trino.tpch.TpchTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** The TPC-H tables in an Iceberg catalog, and Ranger policies that filter and mask every one of them. */
final class TpchPolicies {
    private TpchPolicies() {}

    /** Creates the empty TPC-H tables, with the types the samples database gives them. */
    static void createTables(CatalogConfig config) {
        try (JdbcCatalog jdbc = new JdbcCatalog()) {
            jdbc.setConf(new Configuration());
            jdbc.initialize(config.name(), config.icebergProperties());
            jdbc.createNamespace(Namespace.of(TpchStatements.DATABASE));
            for (TpchTable<?> table : TpchTable.getTables()) {
                List<Types.NestedField> fields = new ArrayList<>();
                for (TpchColumn<?> column : table.getColumns()) {
                    fields.add(Types.NestedField.optional(fields.size() + 1, column.getColumnName(),
                            icebergType(column.getType())));
                }
                jdbc.createTable(TableIdentifier.of(TpchStatements.DATABASE, table.getTableName()),
                        new Schema(fields));
            }
        }
    }

    /**
     * A policy file in Ranger's download format: the group may read every TPC-H table; each table is filtered on
     * its first column and shows its last text column as MASK_SHOW_LAST_4.
     */
    static String filterAndMaskEveryTable(String group) {
        List<String> policies = new ArrayList<>();
        policies.add(policy(1, 0, resources("*", "*"), "\"policyItems\":[" + item(group, "") + "]"));
        int id = 2;
        for (TpchTable<?> table : TpchTable.getTables()) {
            List<? extends TpchColumn<?>> columns = table.getColumns();
            String key = columns.get(0).getColumnName();
            String text = columns.stream().filter(column -> column.getType().getBase() == TpchColumnType.Base.VARCHAR)
                    .reduce((first, second) -> second).orElseThrow().getColumnName();
            policies.add(policy(id++, 2, resources(table.getTableName(), null), "\"rowFilterPolicyItems\":["
                    + item(group, ",\"rowFilterInfo\":{\"filterExpr\":\"" + key + " >= 0\"}") + "]"));
            policies.add(policy(id++, 1, resources(table.getTableName(), text), "\"dataMaskPolicyItems\":["
                    + item(group, ",\"dataMaskInfo\":{\"dataMaskType\":\"MASK_SHOW_LAST_4\"}") + "]"));
        }
        return "{\"serviceName\":\"lakegate\",\"serviceId\":1,\"policyVersion\":1,\"policies\":["
                + String.join(",", policies) + "]}";
    }

    private static String policy(int id, int type, String resources, String items) {
        return "{\"id\":" + id + ",\"isEnabled\":true,\"service\":\"lakegate\",\"name\":\"p" + id
                + "\",\"policyType\":" + type + ",\"resources\":" + resources + "," + items + "}";
    }

    private static String resources(String table, String column) {
        return "{\"database\":{\"values\":[\"" + TpchStatements.DATABASE + "\"]},\"table\":{\"values\":[\"" + table
                + "\"]}" + (table.equals("*") ? ",\"column\":{\"values\":[\"*\"]}" : "")
                + (column == null ? "" : ",\"column\":{\"values\":[\"" + column + "\"]}") + "}";
    }

    private static String item(String group, String extra) {
        return "{\"accesses\":[{\"type\":\"select\",\"isAllowed\":true}],\"groups\":[\"" + group + "\"]" + extra
                + "}";
    }

    private static Type icebergType(TpchColumnType type) {
        return switch (type.getBase()) {
            case IDENTIFIER -> Types.LongType.get();
            case INTEGER -> Types.IntegerType.get();
            case DATE -> Types.DateType.get();
            case DOUBLE -> Types.DecimalType.of(12, 2);
            case VARCHAR -> Types.StringType.get();
        };
    }
}
