package io.lakegate.engine.connect;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SparkType;
import io.lakegate.common.SparkType.Kind;
import io.lakegate.common.SqlStates;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.connect.proto.DataType;

/** Maps Spark Connect's {@code DataType} messages onto {@link SparkType}. */
final class SparkTypes {
    /** Spark's default when a decimal carries no precision. */
    private static final int DEFAULT_DECIMAL_PRECISION = 10;

    private SparkTypes() {}

    static SparkType.StructType structOf(DataType type) {
        if (type.getKindCase() != DataType.KindCase.STRUCT) {
            throw new LakegateException(SqlStates.INTERNAL_ERROR,
                    "The Spark cluster described a result as " + type.getKindCase() + " instead of a struct");
        }
        return (SparkType.StructType) of(type);
    }

    static SparkType of(DataType type) {
        return switch (type.getKindCase()) {
            case NULL -> SparkType.of(Kind.NULL);
            case BOOLEAN -> SparkType.of(Kind.BOOLEAN);
            case BYTE -> SparkType.of(Kind.TINYINT);
            case SHORT -> SparkType.of(Kind.SMALLINT);
            case INTEGER -> SparkType.of(Kind.INT);
            case LONG -> SparkType.of(Kind.BIGINT);
            case FLOAT -> SparkType.of(Kind.FLOAT);
            case DOUBLE -> SparkType.of(Kind.DOUBLE);
            case DECIMAL -> new SparkType.Decimal(
                    type.getDecimal().hasPrecision() ? type.getDecimal().getPrecision() : DEFAULT_DECIMAL_PRECISION,
                    type.getDecimal().hasScale() ? type.getDecimal().getScale() : 0);
            case STRING -> SparkType.of(Kind.STRING);
            case CHAR -> new SparkType.CharType(Kind.CHAR, type.getChar().getLength());
            case VAR_CHAR -> new SparkType.CharType(Kind.VARCHAR, type.getVarChar().getLength());
            case BINARY -> SparkType.of(Kind.BINARY);
            case DATE -> SparkType.of(Kind.DATE);
            case TIMESTAMP -> SparkType.of(Kind.TIMESTAMP);
            case TIMESTAMP_NTZ -> SparkType.of(Kind.TIMESTAMP_NTZ);
            case TIME -> SparkType.of(Kind.TIME);
            case CALENDAR_INTERVAL -> SparkType.of(Kind.CALENDAR_INTERVAL);
            case YEAR_MONTH_INTERVAL -> SparkType.of(Kind.INTERVAL_YEAR_MONTH);
            case DAY_TIME_INTERVAL -> SparkType.of(Kind.INTERVAL_DAY_TIME);
            case VARIANT -> SparkType.of(Kind.VARIANT);
            case ARRAY -> new SparkType.ArrayType(
                    of(type.getArray().getElementType()), type.getArray().getContainsNull());
            case MAP -> new SparkType.MapType(
                    of(type.getMap().getKeyType()),
                    of(type.getMap().getValueType()),
                    type.getMap().getValueContainsNull());
            case STRUCT -> new SparkType.StructType(type.getStruct().getFieldsList().stream()
                    .map(field -> new SparkType.Field(
                            field.getName(), of(field.getDataType()), field.getNullable(), Optional.empty()))
                    .toList());
            // A user-defined type travels as its SQL type.
            case UDT -> of(type.getUdt().getSqlType());
            case GEOMETRY, GEOGRAPHY, UNPARSED, KIND_NOT_SET -> throw new LakegateException(
                    SqlStates.FEATURE_NOT_SUPPORTED,
                    "Lakegate cannot return values of the Spark type "
                            + type.getKindCase().name().toLowerCase(Locale.ROOT));
        };
    }
}
