package io.lakegate.benchmarks.compare;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Twenty statements as a BI tool sends them when a user opens a dashboard on the TPC-H samples (scale 0.01): catalog
 * browsing through {@link DatabaseMetaData}, {@code SHOW}/{@code DESCRIBE}, then small counts and aggregates. Every
 * value is read as text; row counts, and the counts' values, are checked.
 */
final class BiMix {
    /** A statement of the mix; {@code rows} is the exact row count, or -1 for "at least one". */
    record Step(String name, Query query, long rows, long firstValue) {
        void run(Connection connection) throws SQLException {
            long read = 0;
            String first = null;
            try (Statement statement = connection.createStatement();
                    ResultSet result = query.open(connection, statement)) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    for (int column = 1; column <= columns; column++) {
                        String value = result.getString(column);
                        if (read == 0 && column == 1) {
                            first = value;
                        }
                    }
                    read++;
                }
            }
            if (rows >= 0 ? read != rows : read == 0) {
                throw new IllegalStateException(name + " answered " + read + " rows, expected " + rows);
            }
            if (firstValue >= 0 && !Long.toString(firstValue).equals(first)) {
                throw new IllegalStateException(name + " answered " + first + ", expected " + firstValue);
            }
        }
    }

    @FunctionalInterface
    interface Query {
        ResultSet open(Connection connection, Statement statement) throws SQLException;
    }

    static final List<Step> STEPS = List.of(
            meta("getSchemas", (connection, statement) -> connection.getMetaData().getSchemas(), -1),
            meta("getTables", (connection, statement) ->
                    connection.getMetaData().getTables(null, "samples", "%", null), 8),
            meta("getColumns", (connection, statement) ->
                    connection.getMetaData().getColumns(null, "samples", "lineitem", "%"), 16),
            sql("show-databases", "SHOW DATABASES", -1),
            sql("show-tables", "SHOW TABLES IN samples", 8),
            sql("describe", "DESCRIBE samples.orders", -1),
            count("count-region", "samples.region", 5),
            count("count-nation", "samples.nation", 25),
            count("count-lineitem", "samples.lineitem", 60_175),
            count("count-orders", "samples.orders", 15_000),
            sql("nations-per-region", "SELECT r_name, count(*) FROM samples.nation JOIN samples.region "
                    + "ON n_regionkey = r_regionkey GROUP BY r_name", 5),
            sql("pricing-summary", "SELECT l_returnflag, l_linestatus, sum(l_quantity), avg(l_extendedprice) "
                    + "FROM samples.lineitem GROUP BY l_returnflag, l_linestatus", 4),
            sql("orders-by-priority", "SELECT o_orderpriority, count(*) FROM samples.orders "
                    + "GROUP BY o_orderpriority", 5),
            sql("customers-by-segment", "SELECT c_mktsegment, count(*) FROM samples.customer "
                    + "GROUP BY c_mktsegment", 5),
            sql("order-extremes", "SELECT max(o_totalprice), min(o_orderdate) FROM samples.orders", 1),
            sql("top-brands", "SELECT p_brand, count(*) FROM samples.part GROUP BY p_brand "
                    + "ORDER BY count(*) DESC, p_brand LIMIT 10", 10),
            sql("suppliers-by-nation", "SELECT s_nationkey, count(*) FROM samples.supplier GROUP BY s_nationkey", -1),
            sql("nation-page", "SELECT * FROM samples.nation ORDER BY n_nationkey LIMIT 10", 10),
            sql("revenue-by-year", "SELECT year(o_orderdate), sum(o_totalprice) FROM samples.orders "
                    + "GROUP BY year(o_orderdate) ORDER BY 1", 7),
            new Step("distinct-parts", (connection, statement) -> statement.executeQuery(
                    "SELECT count(DISTINCT ps_partkey) FROM samples.partsupp"), 1, 2_000));

    private BiMix() {}

    private static Step meta(String name, Query query, long rows) {
        return new Step(name, query, rows, -1);
    }

    private static Step sql(String name, String sql, long rows) {
        return new Step(name, (connection, statement) -> statement.executeQuery(sql), rows, -1);
    }

    private static Step count(String name, String table, long count) {
        return new Step(name, (connection, statement) -> statement.executeQuery("SELECT count(*) FROM " + table),
                1, count);
    }
}
