package io.lakegate.server.cli;

import io.lakegate.common.SparkType;
import java.sql.Types;
import java.util.Map;
import org.apache.hive.service.rpc.thrift.TPrimitiveTypeEntry;
import org.apache.hive.service.rpc.thrift.TTypeDesc;
import org.apache.hive.service.rpc.thrift.TTypeEntry;
import org.apache.hive.service.rpc.thrift.TTypeId;
import org.apache.hive.service.rpc.thrift.TTypeQualifierValue;
import org.apache.hive.service.rpc.thrift.TTypeQualifiers;

/**
 * How Spark types appear in HiveServer2: the protocol's type ids, the JDBC type codes and sizes that metadata
 * listings report, and which kind of value column carries them. Complex types are described by their top-level id
 * only and travel as JSON text, as HiveServer2 does.
 */
final class HiveTypes {
    private HiveTypes() {}

    /** The value columns of a row set. */
    enum ValueKind { BOOLEAN, BYTE, SHORT, INT, LONG, DOUBLE, STRING, BINARY }

    static TTypeId typeId(SparkType type) {
        return switch (type.kind()) {
            case NULL -> TTypeId.NULL_TYPE;
            case BOOLEAN -> TTypeId.BOOLEAN_TYPE;
            case TINYINT -> TTypeId.TINYINT_TYPE;
            case SMALLINT -> TTypeId.SMALLINT_TYPE;
            case INT -> TTypeId.INT_TYPE;
            case BIGINT -> TTypeId.BIGINT_TYPE;
            case FLOAT -> TTypeId.FLOAT_TYPE;
            case DOUBLE -> TTypeId.DOUBLE_TYPE;
            case DECIMAL -> TTypeId.DECIMAL_TYPE;
            case CHAR -> TTypeId.CHAR_TYPE;
            case VARCHAR -> TTypeId.VARCHAR_TYPE;
            case BINARY -> TTypeId.BINARY_TYPE;
            case DATE -> TTypeId.DATE_TYPE;
            case TIMESTAMP, TIMESTAMP_NTZ -> TTypeId.TIMESTAMP_TYPE;
            case INTERVAL_YEAR_MONTH -> TTypeId.INTERVAL_YEAR_MONTH_TYPE;
            case INTERVAL_DAY_TIME -> TTypeId.INTERVAL_DAY_TIME_TYPE;
            case ARRAY -> TTypeId.ARRAY_TYPE;
            case MAP -> TTypeId.MAP_TYPE;
            case STRUCT -> TTypeId.STRUCT_TYPE;
            case STRING, TIME, CALENDAR_INTERVAL, VARIANT -> TTypeId.STRING_TYPE;
        };
    }

    static TTypeDesc typeDesc(SparkType type) {
        TPrimitiveTypeEntry entry = new TPrimitiveTypeEntry(typeId(type));
        if (type instanceof SparkType.Decimal decimal) {
            entry.setTypeQualifiers(new TTypeQualifiers(Map.of(
                    "precision", TTypeQualifierValue.i32Value(decimal.precision()),
                    "scale", TTypeQualifierValue.i32Value(decimal.scale()))));
        } else if (type instanceof SparkType.CharType text) {
            entry.setTypeQualifiers(new TTypeQualifiers(Map.of(
                    "characterMaximumLength", TTypeQualifierValue.i32Value(text.length()))));
        }
        TTypeDesc desc = new TTypeDesc();
        desc.addToTypes(TTypeEntry.primitiveEntry(entry));
        return desc;
    }

    static ValueKind valueKind(SparkType type) {
        return switch (type.kind()) {
            case BOOLEAN -> ValueKind.BOOLEAN;
            case TINYINT -> ValueKind.BYTE;
            case SMALLINT -> ValueKind.SHORT;
            case INT -> ValueKind.INT;
            case BIGINT -> ValueKind.LONG;
            case FLOAT, DOUBLE -> ValueKind.DOUBLE;
            case BINARY -> ValueKind.BINARY;
            default -> ValueKind.STRING;
        };
    }

    /** The {@link java.sql.Types} code of a type. */
    static int jdbcType(SparkType.Kind kind) {
        return switch (kind) {
            case NULL -> Types.NULL;
            case BOOLEAN -> Types.BOOLEAN;
            case TINYINT -> Types.TINYINT;
            case SMALLINT -> Types.SMALLINT;
            case INT -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case FLOAT -> Types.FLOAT;
            case DOUBLE -> Types.DOUBLE;
            case DECIMAL -> Types.DECIMAL;
            case CHAR -> Types.CHAR;
            case STRING, VARCHAR -> Types.VARCHAR;
            case BINARY -> Types.BINARY;
            case DATE -> Types.DATE;
            case TIMESTAMP, TIMESTAMP_NTZ -> Types.TIMESTAMP;
            case TIME -> Types.TIME;
            case ARRAY -> Types.ARRAY;
            case MAP -> Types.JAVA_OBJECT;
            case STRUCT -> Types.STRUCT;
            case CALENDAR_INTERVAL, INTERVAL_YEAR_MONTH, INTERVAL_DAY_TIME, VARIANT -> Types.OTHER;
        };
    }

    /** JDBC's COLUMN_SIZE: digits for numbers, characters for text and times; null where it means nothing. */
    static Integer columnSize(SparkType type) {
        return switch (type.kind()) {
            case BOOLEAN -> 1;
            case TINYINT -> 3;
            case SMALLINT -> 5;
            case INT -> 10;
            case BIGINT -> 19;
            case FLOAT -> 7;
            case DOUBLE -> 15;
            case DECIMAL -> ((SparkType.Decimal) type).precision();
            case CHAR, VARCHAR -> ((SparkType.CharType) type).length();
            case STRING, BINARY -> Integer.MAX_VALUE;
            case DATE -> 10;
            case TIMESTAMP, TIMESTAMP_NTZ -> 29;
            default -> null;
        };
    }

    /** JDBC's DECIMAL_DIGITS: digits after the point; null for types without a fraction. */
    static Integer decimalDigits(SparkType type) {
        return switch (type.kind()) {
            case TINYINT, SMALLINT, INT, BIGINT -> 0;
            case FLOAT -> 7;
            case DOUBLE -> 15;
            case DECIMAL -> ((SparkType.Decimal) type).scale();
            case TIMESTAMP, TIMESTAMP_NTZ -> 6;
            default -> null;
        };
    }

    /** JDBC's NUM_PREC_RADIX: 10 for numbers, null otherwise. */
    static Integer precisionRadix(SparkType type) {
        return switch (type.kind()) {
            case TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, DECIMAL -> 10;
            default -> null;
        };
    }
}
