package io.lakegate.benchmarks.compare;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code samples} database Lakegate makes on its first start (the eight TPC-H tables at scale 0.01, with the same
 * types), made on Spark's Thrift server through JDBC: generated rows as '|'-separated files, read by Spark with the
 * table's schema and copied into Parquet tables of its Hive metastore.
 */
final class StsSamples {
    private static final double SCALE = 0.01;

    private StsSamples() {}

    static void load(Connection connection, Path directory) throws SQLException, IOException {
        Files.createDirectories(directory);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS samples");
            for (TpchTable<?> table : TpchTable.getTables()) {
                load(statement, directory, table);
            }
        }
    }

    private static <E extends TpchEntity> void load(Statement statement, Path directory, TpchTable<E> table)
            throws SQLException, IOException {
        List<TpchColumn<E>> columns = table.getColumns();
        Path file = directory.resolve(table.getTableName() + ".tbl");
        try (BufferedWriter writer = Files.newBufferedWriter(file)) {
            for (E row : table.createGenerator(SCALE, 1, 1)) {
                writer.write(columns.stream().map(column -> value(column, row)).collect(Collectors.joining("|")));
                writer.newLine();
            }
        }
        String view = table.getTableName() + "_file";
        // quote '' turns quoting off: the generated text has no separators, but some of it has double quotes.
        statement.execute("CREATE OR REPLACE TEMPORARY VIEW " + view + " ("
                + columns.stream().map(column -> column.getColumnName() + " " + type(column))
                        .collect(Collectors.joining(", "))
                + ") USING csv OPTIONS (path '" + file.toUri() + "', sep '|', quote '')");
        statement.execute("CREATE TABLE samples." + table.getTableName() + " USING parquet AS SELECT * FROM " + view);
        statement.execute("DROP VIEW " + view);
    }

    /** As Lakegate's {@code TpchTables} writes them. */
    private static <E extends TpchEntity> String value(TpchColumn<E> column, E row) {
        return switch (column.getType().getBase()) {
            case IDENTIFIER -> Long.toString(column.getIdentifier(row));
            case INTEGER -> Integer.toString(column.getInteger(row));
            case DATE -> LocalDate.ofEpochDay(column.getDate(row)).toString();
            case DOUBLE -> BigDecimal.valueOf(column.getIdentifier(row), 2).toPlainString();
            case VARCHAR -> column.getString(row);
        };
    }

    private static String type(TpchColumn<?> column) {
        return switch (column.getType().getBase()) {
            case IDENTIFIER -> "bigint";
            case INTEGER -> "int";
            case DATE -> "date";
            case DOUBLE -> "decimal(12,2)";
            case VARCHAR -> "string";
        };
    }
}
