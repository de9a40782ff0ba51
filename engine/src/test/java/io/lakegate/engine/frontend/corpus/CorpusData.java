package io.lakegate.engine.frontend.corpus;

import io.lakegate.engine.Session;
import io.lakegate.engine.StatementResult;
import io.trino.tpcds.Results;
import io.trino.tpcds.Table;
import io.trino.tpcds.column.Column;
import io.trino.tpcds.column.ColumnType;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchColumnType;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

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

    /** How the files mark a null: the generators never produce it as a value. */
    private static final String NULL_MARKER = "\\N";

    private final Session session;
    private final Path directory;

    private CorpusData(Session session, Path directory) {
        this.session = session;
        this.directory = directory;
    }

    /** Generates both benchmarks' tables into {@code directory} and loads them; existing tables are replaced. */
    static void load(Session session, Path directory) {
        CorpusData data = new CorpusData(session, directory);
        data.loadTpch();
        data.loadTpcds();
    }

    private void loadTpch() {
        run("CREATE NAMESPACE IF NOT EXISTS tpch");
        for (TpchTable<?> table : TpchTable.getTables()) {
            loadTpchTable(table);
        }
    }

    private <E extends TpchEntity> void loadTpchTable(TpchTable<E> table) {
        List<TpchColumn<E>> columns = table.getColumns();
        Path file = write("tpch", table.getTableName(), writer -> {
            for (E row : table.createGenerator(TPCH_SCALE, 1, 1)) {
                writer.accept(columns.stream().map(column -> tpchValue(column, row)).toList());
            }
        });
        copyIntoIceberg("tpch", table.getTableName(),
                columns.stream().map(column -> column.getColumnName() + " " + tpchType(column.getType())).toList(),
                file);
    }

    private void loadTpcds() {
        run("CREATE NAMESPACE IF NOT EXISTS tpcds");
        io.trino.tpcds.Session generator = io.trino.tpcds.Session.getDefaultSession().withScale(TPCDS_SCALE);
        for (Table table : Table.getBaseTables()) {
            // dbgen_version records the generator's run; no query reads it.
            if (table == Table.DBGEN_VERSION) {
                continue;
            }
            Path file = write("tpcds", table.getName(), writer -> {
                // Each entry holds the table's row, then the rows of child tables generated with it (sales and their
                // returns); the children are loaded as tables of their own.
                for (List<List<String>> rows : Results.constructResults(table, generator.withTable(table))) {
                    writer.accept(rows.get(0));
                }
            });
            copyIntoIceberg("tpcds", table.getName(),
                    Arrays.stream(table.getColumns()).map(CorpusData::tpcdsColumn).toList(), file);
        }
    }

    private Path write(String database, String table, Consumer<Consumer<List<String>>> rows) {
        Path file = directory.resolve(database).resolve(table + ".tbl");
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter writer = Files.newBufferedWriter(file)) {
                rows.accept(row -> {
                    try {
                        writer.write(String.join("|", row.stream().map(v -> v == null ? NULL_MARKER : v).toList()));
                        writer.newLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private void copyIntoIceberg(String database, String table, List<String> columns, Path file) {
        String source = database + "_" + table + "_file";
        // quote '' turns quoting off: the generators' text has no separators, but some of it has double quotes.
        run("CREATE OR REPLACE TEMPORARY VIEW " + source + " (" + String.join(", ", columns) + ") USING csv "
                + "OPTIONS (path '" + file.toUri() + "', sep '|', quote '', nullValue '"
                + NULL_MARKER.replace("\\", "\\\\") + "')");
        run("CREATE OR REPLACE TABLE " + database + "." + table + " USING iceberg AS SELECT * FROM " + source);
        run("DROP VIEW " + source);
    }

    private void run(String sql) {
        try (StatementResult result = session.execute(sql)) {
            while (result.hasNext()) {
                result.next();
            }
        }
    }

    private static <E extends TpchEntity> String tpchValue(TpchColumn<E> column, E row) {
        return switch (column.getType().getBase()) {
            case IDENTIFIER -> Long.toString(column.getIdentifier(row));
            case INTEGER -> Integer.toString(column.getInteger(row));
            case DATE -> LocalDate.ofEpochDay(column.getDate(row)).toString();
            // Money and quantities: the generator keeps them exactly, in hundredths.
            case DOUBLE -> BigDecimal.valueOf(column.getIdentifier(row), 2).toPlainString();
            case VARCHAR -> column.getString(row);
        };
    }

    private static String tpchType(TpchColumnType type) {
        return switch (type.getBase()) {
            case IDENTIFIER -> "bigint";
            case INTEGER -> "int";
            case DATE -> "date";
            // The specification's DECIMAL, as Trino maps it.
            case DOUBLE -> "decimal(12,2)";
            case VARCHAR -> "string";
        };
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
