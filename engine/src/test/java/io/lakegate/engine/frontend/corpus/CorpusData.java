package io.lakegate.engine.frontend.corpus;

import io.lakegate.engine.Session;
import io.lakegate.engine.samples.DelimitedLoad;
import io.lakegate.engine.samples.TpchTables;
import io.trino.tpcds.Results;
import io.trino.tpcds.Table;
import io.trino.tpcds.column.Column;
import io.trino.tpcds.column.ColumnType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The TPC-H and TPC-DS tables, made by the benchmarks' own generators and loaded into Iceberg tables of the databases
 * {@code tpch} and {@code tpcds} through the engine: each table is written as a '|'-separated file that Spark reads
 * with the benchmark's schema and copies into Iceberg.
 *
 * <p>Character columns become {@code string}: Iceberg has no {@code char(n)} or {@code varchar(n)}, and Spark would
 * store them as strings anyway. Numbers, decimals and dates keep the benchmarks' types.
 */
final class CorpusData {
    /**
     * Trino's "tiny" scale: lineitem has 60 175 rows, store_sales 120 527, and the whole load takes about a minute
     * (customer_demographics keeps its 1 920 800 rows at every scale).
     */
    private static final double TPCH_SCALE = 0.01;
    private static final double TPCDS_SCALE = 0.01;

    private final DelimitedLoad load;

    private CorpusData(Session session, Path directory) {
        this.load = new DelimitedLoad(session, directory);
    }

    /** Generates both benchmarks' tables into {@code directory} and loads them; existing tables are replaced. */
    static void load(Session session, Path directory) {
        CorpusData data = new CorpusData(session, directory);
        TpchTables.load(data.load, "tpch", TPCH_SCALE, table -> {});
        data.loadTpcds();
    }

    private void loadTpcds() {
        load.run("CREATE NAMESPACE IF NOT EXISTS tpcds");
        io.trino.tpcds.Session generator = io.trino.tpcds.Session.getDefaultSession().withScale(TPCDS_SCALE);
        for (Table table : Table.getBaseTables()) {
            // dbgen_version records the generator's run; no query reads it.
            if (table == Table.DBGEN_VERSION) {
                continue;
            }
            load.load("tpcds", table.getName(),
                    Arrays.stream(table.getColumns()).map(CorpusData::tpcdsColumn).toList(), writer -> {
                        // Each entry holds the table's row, then the rows of child tables generated with it (sales and
                        // their returns); the children are loaded as tables of their own.
                        for (List<List<String>> rows : Results.constructResults(table, generator.withTable(table))) {
                            writer.accept(rows.get(0));
                        }
                    });
        }
    }

    private static String tpcdsColumn(Column column) {
        ColumnType type = column.getType();
        String sqlType = switch (type.getBase()) {
            case IDENTIFIER -> "bigint";
            case INTEGER -> "int";
            case DATE -> "date";
            case DECIMAL -> "decimal(" + type.getPrecision().orElseThrow() + "," + type.getScale().orElseThrow() + ")";
            case CHAR, VARCHAR, TIME -> "string";
        };
        return column.getName() + " " + sqlType;
    }
}
