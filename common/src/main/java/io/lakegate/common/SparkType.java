package io.lakegate.common;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A Spark SQL data type, as results and catalogs describe columns. {@link #sql()} gives the type as Spark SQL writes
 * it ({@code decimal(38,10)}, {@code array<string>}, {@code struct<a:int,b:string>}).
 */
public sealed interface SparkType {

    /** The closed set of Spark type families. */
    enum Kind {
        NULL("void"),
        BOOLEAN("boolean"),
        TINYINT("tinyint"),
        SMALLINT("smallint"),
        INT("int"),
        BIGINT("bigint"),
        FLOAT("float"),
        DOUBLE("double"),
        DECIMAL("decimal"),
        STRING("string"),
        CHAR("char"),
        VARCHAR("varchar"),
        BINARY("binary"),
        DATE("date"),
        TIMESTAMP("timestamp"),
        TIMESTAMP_NTZ("timestamp_ntz"),
        TIME("time"),
        CALENDAR_INTERVAL("interval"),
        INTERVAL_YEAR_MONTH("interval year to month"),
        INTERVAL_DAY_TIME("interval day to second"),
        VARIANT("variant"),
        ARRAY("array"),
        MAP("map"),
        STRUCT("struct");

        private final String sqlName;

        Kind(String sqlName) {
            this.sqlName = sqlName;
        }

        public String sqlName() {
            return sqlName;
        }
    }

    Kind kind();

    /** The type as Spark SQL writes it. */
    String sql();

    static SparkType of(Kind kind) {
        return new Primitive(kind);
    }

    /** A type without parameters: numbers but decimal, string, binary, date, timestamps, intervals, variant. */
    record Primitive(Kind kind) implements SparkType {
        public Primitive {
            requireNonNull(kind, "kind is null");
            if (switch (kind) {
                case DECIMAL, CHAR, VARCHAR, ARRAY, MAP, STRUCT -> true;
                default -> false;
            }) {
                throw new IllegalArgumentException("kind: " + kind + " (expected: a type without parameters)");
            }
        }

        @Override
        public String sql() {
            return kind.sqlName();
        }
    }

    record Decimal(int precision, int scale) implements SparkType {
        public static final int MAX_PRECISION = 38;

        public Decimal {
            if (precision < 1 || precision > MAX_PRECISION || scale < 0 || scale > precision) {
                throw new IllegalArgumentException("decimal(" + precision + "," + scale
                        + ") (expected: 1 <= precision <= 38, 0 <= scale <= precision)");
            }
        }

        @Override
        public Kind kind() {
            return Kind.DECIMAL;
        }

        @Override
        public String sql() {
            return "decimal(" + precision + "," + scale + ")";
        }
    }

    /** {@code char(n)} or {@code varchar(n)}: a string with a declared length. */
    record CharType(Kind kind, int length) implements SparkType {
        public CharType {
            if (kind != Kind.CHAR && kind != Kind.VARCHAR) {
                throw new IllegalArgumentException("kind: " + kind + " (expected: CHAR or VARCHAR)");
            }
            if (length < 1) {
                throw new IllegalArgumentException("length: " + length + " (expected: >= 1)");
            }
        }

        @Override
        public String sql() {
            return kind.sqlName() + "(" + length + ")";
        }
    }

    record ArrayType(SparkType element, boolean containsNull) implements SparkType {
        public ArrayType {
            requireNonNull(element, "element is null");
        }

        @Override
        public Kind kind() {
            return Kind.ARRAY;
        }

        @Override
        public String sql() {
            return "array<" + element.sql() + ">";
        }
    }

    record MapType(SparkType key, SparkType value, boolean valueContainsNull) implements SparkType {
        public MapType {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
        }

        @Override
        public Kind kind() {
            return Kind.MAP;
        }

        @Override
        public String sql() {
            return "map<" + key.sql() + "," + value.sql() + ">";
        }
    }

    record StructType(List<Field> fields) implements SparkType {
        public StructType {
            fields = List.copyOf(fields);
        }

        @Override
        public Kind kind() {
            return Kind.STRUCT;
        }

        @Override
        public String sql() {
            return fields.stream().map(field -> quoteIfNeeded(field.name()) + ":" + field.type().sql())
                    .collect(Collectors.joining(",", "struct<", ">"));
        }

        private static String quoteIfNeeded(String name) {
            return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : "`" + name.replace("`", "``") + "`";
        }
    }

    record Field(String name, SparkType type, boolean nullable, Optional<String> comment) {
        public Field {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(comment, "comment is null");
        }

        public Field(String name, SparkType type, boolean nullable) {
            this(name, type, nullable, Optional.empty());
        }
    }

}
