package io.lakegate.catalog;

import io.lakegate.common.SparkType;
import io.lakegate.common.SparkType.Kind;
import java.util.Optional;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Iceberg types as Spark sees them, following the Iceberg Spark runtime's {@code TypeToSparkType}: {@code uuid} is a
 * string, {@code fixed} is binary, {@code timestamptz} is {@code timestamp} and {@code timestamp} is
 * {@code timestamp_ntz}. Spark writes {@code char(n)} and {@code varchar(n)} as plain Iceberg strings without keeping
 * the length anywhere, so they come back as {@code string}.
 */
final class IcebergTypes {
    private IcebergTypes() {}

    /**
     * The Spark type of an Iceberg type.
     *
     * @throws UnsupportedOperationException for types the Spark runtime refuses ({@code time}, {@code timestamp_ns})
     *     or that {@link SparkType} cannot express ({@code geometry}, {@code geography})
     */
    static SparkType toSpark(Type type) {
        return switch (type.typeId()) {
            case BOOLEAN -> SparkType.of(Kind.BOOLEAN);
            case INTEGER -> SparkType.of(Kind.INT);
            case LONG -> SparkType.of(Kind.BIGINT);
            case FLOAT -> SparkType.of(Kind.FLOAT);
            case DOUBLE -> SparkType.of(Kind.DOUBLE);
            case DECIMAL -> {
                Types.DecimalType decimal = (Types.DecimalType) type;
                yield new SparkType.Decimal(decimal.precision(), decimal.scale());
            }
            case DATE -> SparkType.of(Kind.DATE);
            case TIMESTAMP -> SparkType.of(
                    ((Types.TimestampType) type).shouldAdjustToUTC() ? Kind.TIMESTAMP : Kind.TIMESTAMP_NTZ);
            case STRING, UUID -> SparkType.of(Kind.STRING);
            case FIXED, BINARY -> SparkType.of(Kind.BINARY);
            case VARIANT -> SparkType.of(Kind.VARIANT);
            case UNKNOWN -> SparkType.of(Kind.NULL);
            case LIST -> {
                Types.ListType list = (Types.ListType) type;
                yield new SparkType.ArrayType(toSpark(list.elementType()), list.isElementOptional());
            }
            case MAP -> {
                Types.MapType map = (Types.MapType) type;
                yield new SparkType.MapType(toSpark(map.keyType()), toSpark(map.valueType()), map.isValueOptional());
            }
            case STRUCT -> new SparkType.StructType(
                    type.asStructType().fields().stream().map(IcebergTypes::toSparkField).toList());
            case TIME, TIMESTAMP_NANO -> throw new UnsupportedOperationException(
                    "Spark cannot read the Iceberg type " + type);
            default -> throw new UnsupportedOperationException("Lakegate does not support the Iceberg type " + type);
        };
    }

    private static SparkType.Field toSparkField(Types.NestedField field) {
        return new SparkType.Field(field.name(), toSpark(field.type()), field.isOptional(), doc(field));
    }

    static Optional<String> doc(Types.NestedField field) {
        return Optional.ofNullable(field.doc());
    }
}
