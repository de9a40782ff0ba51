package io.lakegate.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.common.SparkType;
import io.lakegate.common.SparkType.Kind;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IcebergTypesTest {

    static List<Arguments> primitives() {
        return List.of(
                Arguments.of(Types.BooleanType.get(), "boolean"),
                Arguments.of(Types.IntegerType.get(), "int"),
                Arguments.of(Types.LongType.get(), "bigint"),
                Arguments.of(Types.FloatType.get(), "float"),
                Arguments.of(Types.DoubleType.get(), "double"),
                Arguments.of(Types.DecimalType.of(38, 10), "decimal(38,10)"),
                Arguments.of(Types.DateType.get(), "date"),
                Arguments.of(Types.TimestampType.withZone(), "timestamp"),
                Arguments.of(Types.TimestampType.withoutZone(), "timestamp_ntz"),
                Arguments.of(Types.StringType.get(), "string"),
                Arguments.of(Types.UUIDType.get(), "string"),
                Arguments.of(Types.FixedType.ofLength(16), "binary"),
                Arguments.of(Types.BinaryType.get(), "binary"),
                Arguments.of(Types.VariantType.get(), "variant"),
                Arguments.of(Types.UnknownType.get(), "void"));
    }

    @ParameterizedTest
    @MethodSource("primitives")
    void mapsPrimitivesAsTheSparkRuntimeDoes(Type iceberg, String spark) {
        assertThat(IcebergTypes.toSpark(iceberg).sql()).isEqualTo(spark);
    }

    @Test
    void mapsNestedTypesWithTheirNullabilityAndDocs() {
        Type type = Types.StructType.of(
                Types.NestedField.required(1, "a", Types.IntegerType.get()),
                Types.NestedField.optional(2, "b", Types.StringType.get(), "the b"),
                Types.NestedField.optional(3, "c", Types.ListType.ofRequired(4, Types.LongType.get())),
                Types.NestedField.optional(5, "d",
                        Types.MapType.ofOptional(6, 7, Types.StringType.get(), Types.DecimalType.of(10, 2))),
                Types.NestedField.optional(8, "odd name", Types.DateType.get()));

        SparkType spark = IcebergTypes.toSpark(type);

        assertThat(spark.sql()).isEqualTo(
                "struct<a:int,b:string,c:array<bigint>,d:map<string,decimal(10,2)>,`odd name`:date>");
        assertThat(spark).isEqualTo(new SparkType.StructType(List.of(
                new SparkType.Field("a", SparkType.of(Kind.INT), false),
                new SparkType.Field("b", SparkType.of(Kind.STRING), true, Optional.of("the b")),
                new SparkType.Field("c", new SparkType.ArrayType(SparkType.of(Kind.BIGINT), false), true),
                new SparkType.Field("d", new SparkType.MapType(SparkType.of(Kind.STRING),
                        new SparkType.Decimal(10, 2), true), true),
                new SparkType.Field("odd name", SparkType.of(Kind.DATE), true))));
    }

    static List<Type> unreadableBySpark() {
        return List.of(Types.TimeType.get(), Types.TimestampNanoType.withZone(), Types.TimestampNanoType.withoutZone());
    }

    @ParameterizedTest
    @MethodSource("unreadableBySpark")
    void refusesTypesTheSparkRuntimeCannotRead(Type iceberg) {
        assertThatThrownBy(() -> IcebergTypes.toSpark(iceberg))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("Spark cannot read the Iceberg type " + iceberg);
    }

    static List<Type> withoutSparkType() {
        return List.of(Types.GeometryType.crs84(), Types.GeographyType.crs84());
    }

    @ParameterizedTest
    @MethodSource("withoutSparkType")
    void refusesTypesThatSparkTypeCannotExpress(Type iceberg) {
        assertThatThrownBy(() -> IcebergTypes.toSpark(iceberg))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("Lakegate does not support the Iceberg type " + iceberg);
    }

    @Test
    void refusesUnreadableTypesInsideNestedTypes() {
        assertThatThrownBy(() -> IcebergTypes.toSpark(Types.ListType.ofOptional(1, Types.TimeType.get())))
                .hasMessage("Spark cannot read the Iceberg type time");
    }
}
