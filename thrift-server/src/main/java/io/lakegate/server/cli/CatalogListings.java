package io.lakegate.server.cli;

import io.lakegate.catalog.ColumnInfo;
import io.lakegate.catalog.LakeCatalog;
import io.lakegate.catalog.NoSuchDatabaseException;
import io.lakegate.catalog.NoSuchTableException;
import io.lakegate.catalog.TableInfo;
import io.lakegate.common.LakegateException;
import io.lakegate.common.NamePattern;
import io.lakegate.common.SparkType;
import io.lakegate.common.SparkType.Kind;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The metadata listings of JDBC's DatabaseMetaData, read from the catalog without a cluster. */
final class CatalogListings {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogListings.class);
    private static final List<String> TABLE_TYPES = List.of("TABLE", "VIEW");

    /** A listing's columns and rows, held in memory: metadata listings are small. */
    record Listing(List<Column> columns, List<Object[]> rows) {
        Listing {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    private final LakeCatalog catalog;

    CatalogListings(LakeCatalog catalog) {
        this.catalog = catalog;
    }

    Listing catalogs() {
        return new Listing(columns("TABLE_CAT", Kind.STRING), List.<Object[]>of(new Object[] {catalog.name()}));
    }

    Listing schemas(String catalogName, String schemaPattern) {
        List<Object[]> rows = new ArrayList<>();
        if (catalogMatches(catalogName)) {
            Predicate<String> schemas = namePattern(schemaPattern);
            catalog.listDatabases().stream().filter(schemas)
                    .forEach(database -> rows.add(new Object[] {database, catalog.name()}));
        }
        return new Listing(columns("TABLE_SCHEM", Kind.STRING, "TABLE_CATALOG", Kind.STRING), rows);
    }

    Listing tableTypes() {
        return new Listing(columns("TABLE_TYPE", Kind.STRING),
                TABLE_TYPES.stream().map(type -> new Object[] {type}).toList());
    }

    Listing tables(String catalogName, String schemaPattern, String tablePattern, List<String> types) {
        Set<String> wanted = types == null || types.isEmpty() ? Set.copyOf(TABLE_TYPES)
                : types.stream().map(type -> type.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        List<Object[]> rows = new ArrayList<>();
        for (TableInfo table : matchingTables(catalogName, schemaPattern, tablePattern)) {
            if (wanted.contains(table.type().name())) {
                rows.add(new Object[] {catalog.name(), table.database(), table.name(), table.type().name(),
                    table.comment().orElse(""), null, null, null, null, null});
            }
        }
        return new Listing(columns("TABLE_CAT", Kind.STRING, "TABLE_SCHEM", Kind.STRING, "TABLE_NAME", Kind.STRING,
                "TABLE_TYPE", Kind.STRING, "REMARKS", Kind.STRING, "TYPE_CAT", Kind.STRING, "TYPE_SCHEM", Kind.STRING,
                "TYPE_NAME", Kind.STRING, "SELF_REFERENCING_COL_NAME", Kind.STRING, "REF_GENERATION", Kind.STRING),
                rows);
    }

    Listing columns(String catalogName, String schemaPattern, String tablePattern, String columnPattern) {
        Predicate<String> columnNames = namePattern(columnPattern);
        List<Object[]> rows = new ArrayList<>();
        for (TableInfo table : matchingTables(catalogName, schemaPattern, tablePattern)) {
            for (ColumnInfo column : columnsOf(table)) {
                if (columnNames.test(column.name())) {
                    rows.add(columnRow(table, column));
                }
            }
        }
        return new Listing(columns("TABLE_CAT", Kind.STRING, "TABLE_SCHEM", Kind.STRING, "TABLE_NAME", Kind.STRING,
                "COLUMN_NAME", Kind.STRING, "DATA_TYPE", Kind.INT, "TYPE_NAME", Kind.STRING, "COLUMN_SIZE", Kind.INT,
                "BUFFER_LENGTH", Kind.TINYINT, "DECIMAL_DIGITS", Kind.INT, "NUM_PREC_RADIX", Kind.INT,
                "NULLABLE", Kind.INT, "REMARKS", Kind.STRING, "COLUMN_DEF", Kind.STRING, "SQL_DATA_TYPE", Kind.INT,
                "SQL_DATETIME_SUB", Kind.INT, "CHAR_OCTET_LENGTH", Kind.INT, "ORDINAL_POSITION", Kind.INT,
                "IS_NULLABLE", Kind.STRING, "SCOPE_CATALOG", Kind.STRING, "SCOPE_SCHEMA", Kind.STRING,
                "SCOPE_TABLE", Kind.STRING, "SOURCE_DATA_TYPE", Kind.SMALLINT, "IS_AUTO_INCREMENT", Kind.STRING),
                rows);
    }

    /** Lakegate has no user-defined functions in the catalog yet: the listing is empty, with JDBC's columns. */
    Listing functions() {
        return new Listing(columns("FUNCTION_CAT", Kind.STRING, "FUNCTION_SCHEM", Kind.STRING, "FUNCTION_NAME",
                Kind.STRING, "REMARKS", Kind.STRING, "FUNCTION_TYPE", Kind.INT, "SPECIFIC_NAME", Kind.STRING),
                List.of());
    }

    /** Iceberg tables declare no primary keys. */
    Listing primaryKeys() {
        return new Listing(columns("TABLE_CAT", Kind.STRING, "TABLE_SCHEM", Kind.STRING, "TABLE_NAME", Kind.STRING,
                "COLUMN_NAME", Kind.STRING, "KEY_SEQ", Kind.INT, "PK_NAME", Kind.STRING), List.of());
    }

    /** Iceberg tables declare no foreign keys. */
    Listing crossReference() {
        return new Listing(columns("PKTABLE_CAT", Kind.STRING, "PKTABLE_SCHEM", Kind.STRING, "PKTABLE_NAME",
                Kind.STRING, "PKCOLUMN_NAME", Kind.STRING, "FKTABLE_CAT", Kind.STRING, "FKTABLE_SCHEM", Kind.STRING,
                "FKTABLE_NAME", Kind.STRING, "FKCOLUMN_NAME", Kind.STRING, "KEY_SEQ", Kind.INT, "UPDATE_RULE",
                Kind.SMALLINT, "DELETE_RULE", Kind.SMALLINT, "FK_NAME", Kind.STRING, "PK_NAME", Kind.STRING,
                "DEFERRABILITY", Kind.SMALLINT), List.of());
    }

    /** The types a column can have, as JDBC's getTypeInfo lists them. */
    static Listing typeInfo() {
        List<SparkType> types = List.of(SparkType.of(Kind.NULL), SparkType.of(Kind.BOOLEAN),
                SparkType.of(Kind.TINYINT), SparkType.of(Kind.SMALLINT), SparkType.of(Kind.INT),
                SparkType.of(Kind.BIGINT), SparkType.of(Kind.FLOAT), SparkType.of(Kind.DOUBLE),
                new SparkType.Decimal(SparkType.Decimal.MAX_PRECISION, 0), SparkType.of(Kind.STRING),
                new SparkType.CharType(Kind.CHAR, Integer.MAX_VALUE),
                new SparkType.CharType(Kind.VARCHAR, Integer.MAX_VALUE), SparkType.of(Kind.BINARY),
                SparkType.of(Kind.DATE), SparkType.of(Kind.TIMESTAMP), SparkType.of(Kind.TIMESTAMP_NTZ),
                SparkType.of(Kind.INTERVAL_YEAR_MONTH), SparkType.of(Kind.INTERVAL_DAY_TIME),
                new SparkType.ArrayType(SparkType.of(Kind.INT), true),
                new SparkType.MapType(SparkType.of(Kind.STRING), SparkType.of(Kind.INT), true),
                new SparkType.StructType(List.of()));
        List<Object[]> rows = types.stream().map(type -> {
            boolean number = HiveTypes.precisionRadix(type) != null;
            boolean complex = type.kind() == Kind.ARRAY || type.kind() == Kind.MAP || type.kind() == Kind.STRUCT;
            boolean text = type.kind() == Kind.STRING || type instanceof SparkType.CharType;
            String name = type.kind().sqlName().toUpperCase(Locale.ROOT);
            return new Object[] {name, HiveTypes.jdbcType(type.kind()), HiveTypes.columnSize(type),
                text ? "'" : null, text ? "'" : null,
                type instanceof SparkType.Decimal ? "PRECISION,SCALE" : type instanceof SparkType.CharType
                        ? "LENGTH" : null,
                (short) DatabaseMetaData.typeNullable, text,
                (short) (complex ? DatabaseMetaData.typePredNone : DatabaseMetaData.typeSearchable),
                !number, false, false, name, (short) 0,
                (short) (type instanceof SparkType.Decimal ? SparkType.Decimal.MAX_PRECISION : 0), null, null,
                HiveTypes.precisionRadix(type)};
        }).toList();
        return new Listing(columns("TYPE_NAME", Kind.STRING, "DATA_TYPE", Kind.INT, "PRECISION", Kind.INT,
                "LITERAL_PREFIX", Kind.STRING, "LITERAL_SUFFIX", Kind.STRING, "CREATE_PARAMS", Kind.STRING,
                "NULLABLE", Kind.SMALLINT, "CASE_SENSITIVE", Kind.BOOLEAN, "SEARCHABLE", Kind.SMALLINT,
                "UNSIGNED_ATTRIBUTE", Kind.BOOLEAN, "FIXED_PREC_SCALE", Kind.BOOLEAN, "AUTO_INCREMENT",
                Kind.BOOLEAN, "LOCAL_TYPE_NAME", Kind.STRING, "MINIMUM_SCALE", Kind.SMALLINT, "MAXIMUM_SCALE",
                Kind.SMALLINT, "SQL_DATA_TYPE", Kind.INT, "SQL_DATETIME_SUB", Kind.INT, "NUM_PREC_RADIX",
                Kind.INT), rows);
    }

    private Object[] columnRow(TableInfo table, ColumnInfo column) {
        SparkType type = column.type();
        boolean text = type.kind() == Kind.STRING || type instanceof SparkType.CharType;
        return new Object[] {catalog.name(), table.database(), table.name(), column.name(),
            HiveTypes.jdbcType(type.kind()), type.sql(), HiveTypes.columnSize(type), null,
            HiveTypes.decimalDigits(type), HiveTypes.precisionRadix(type),
            column.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
            column.comment().orElse(""), null, null, null, text ? HiveTypes.columnSize(type) : null,
            column.ordinalPosition(), column.nullable() ? "YES" : "NO", null, null, null, null, "NO"};
    }

    private boolean catalogMatches(String catalogName) {
        return catalogName == null || catalogName.isEmpty() || catalogName.equalsIgnoreCase(catalog.name());
    }

    private List<TableInfo> matchingTables(String catalogName, String schemaPattern, String tablePattern) {
        if (!catalogMatches(catalogName)) {
            return List.of();
        }
        Predicate<String> schemas = namePattern(schemaPattern);
        Predicate<String> tables = namePattern(tablePattern);
        List<TableInfo> matching = new ArrayList<>();
        for (String database : catalog.listDatabases()) {
            if (schemas.test(database)) {
                listTables(database).stream().filter(table -> tables.test(table.name())).forEach(matching::add);
            }
        }
        return matching;
    }

    /** A database dropped while the listing runs is simply not listed. */
    private List<TableInfo> listTables(String database) {
        try {
            return catalog.listTables(database);
        } catch (NoSuchDatabaseException e) {
            return List.of();
        }
    }

    /** A table that went away, or whose columns Spark cannot read, is left out so the rest is still listed. */
    private List<ColumnInfo> columnsOf(TableInfo table) {
        try {
            return catalog.columns(table.database(), table.name());
        } catch (NoSuchTableException e) {
            return List.of();
        } catch (LakegateException e) {
            LOG.warn("Columns of {}.{} left out of a listing: {}", table.database(), table.name(), e.getMessage());
            return List.of();
        }
    }

    private static List<Column> columns(Object... namesAndKinds) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < namesAndKinds.length; i += 2) {
            columns.add(Column.of((String) namesAndKinds[i], (Kind) namesAndKinds[i + 1]));
        }
        return columns;
    }

    /** A JDBC name pattern ({@link NamePattern#jdbc}); null or empty matches everything, as in Hive. */
    static Predicate<String> namePattern(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return name -> true;
        }
        return NamePattern.jdbc(pattern)::matches;
    }
}
