package io.lakegate.engine.samples;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchColumnType;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * The eight TPC-H tables, made by {@code io.trino.tpch}'s generator and loaded into Iceberg with the specification's
 * types (money and quantities as {@code decimal(12,2)}, dates as {@code date}); text columns become {@code string},
 * since Iceberg has no {@code char(n)} or {@code varchar(n)}.
 */
public final class TpchTables {
    private TpchTables() {}

    /**
     * Creates the database if needed and loads every table into it, replacing tables of the same names.
     *
     * @param loaded told the qualified name of each table once it exists
     */
    public static void load(DelimitedLoad load, String database, double scale, Consumer<String> loaded) {
        load.run("CREATE NAMESPACE IF NOT EXISTS " + database);
        for (TpchTable<?> table : TpchTable.getTables()) {
            loadTable(load, database, scale, table);
            loaded.accept(database + "." + table.getTableName());
        }
    }

    private static <E extends TpchEntity> void loadTable(
            DelimitedLoad load, String database, double scale, TpchTable<E> table) {
        List<TpchColumn<E>> columns = table.getColumns();
        load.load(database, table.getTableName(),
                columns.stream().map(column -> column.getColumnName() + " " + sparkType(column.getType())).toList(),
                writer -> {
                    for (E row : table.createGenerator(scale, 1, 1)) {
                        writer.accept(columns.stream().map(column -> value(column, row)).toList());
                    }
                });
    }

    private static <E extends TpchEntity> String value(TpchColumn<E> column, E row) {
        return switch (column.getType().getBase()) {
            case IDENTIFIER -> Long.toString(column.getIdentifier(row));
            case INTEGER -> Integer.toString(column.getInteger(row));
            case DATE -> LocalDate.ofEpochDay(column.getDate(row)).toString();
            // Money and quantities: the generator keeps them exactly, in hundredths.
            case DOUBLE -> BigDecimal.valueOf(column.getIdentifier(row), 2).toPlainString();
            case VARCHAR -> column.getString(row);
        };
    }

    private static String sparkType(TpchColumnType type) {
        return switch (type.getBase()) {
            case IDENTIFIER -> "bigint";
            case INTEGER -> "int";
            case DATE -> "date";
            // The specification's DECIMAL, as Trino maps it.
            case DOUBLE -> "decimal(12,2)";
            case VARCHAR -> "string";
        };
    }
}
