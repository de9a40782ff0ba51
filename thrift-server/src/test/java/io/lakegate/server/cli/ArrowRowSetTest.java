package io.lakegate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.common.SparkType;
import io.lakegate.common.SparkType.Kind;
import io.lakegate.engine.ColumnBatch;
import io.lakegate.engine.ColumnBatches;
import io.lakegate.engine.operation.RowSink;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.complex.impl.NullableStructWriter;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.hive.service.rpc.thrift.TColumn;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.hive.service.rpc.thrift.TRowSet;
import org.apache.thrift.TBase;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.TMemoryBuffer;
import org.apache.thrift.transport.TMemoryInputTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The answers written straight from Arrow are, byte for byte, the answers the generated classes write from the values
 * {@link RowSetBuilder} collects: for every type, NULLs, batch joins at any bit position, and budgets.
 */
class ArrowRowSetTest {
    private static final TConfiguration THRIFT = TConfiguration.custom().setMaxMessageSize(Integer.MAX_VALUE).build();
    private static final FetchBudget UNLIMITED = new FetchBudget(100_000, Long.MAX_VALUE);
    private static final String LONG_TEXT = "ü".repeat(40_000) + "x".repeat(1000);

    private final BufferAllocator allocator = new RootAllocator();
    private final List<VectorSchemaRoot> roots = new ArrayList<>();

    /** A column of the test table: its type, and how to put the value of table row {@code g} in a vector. */
    private record Spec(Column column, Function<BufferAllocator, FieldVector> vector, Setter setter, boolean nullable) {
        Spec notNull() {
            return new Spec(column, vector, setter, false);
        }
    }

    private interface Setter {
        /** Sets the value of table row {@code g} at {@code row}; leaving it unset makes it NULL. */
        void set(FieldVector vector, int row, int g);
    }

    private static Spec spec(String name, SparkType type, Function<BufferAllocator, FieldVector> vector,
            Setter setter) {
        return new Spec(new Column(name, type, Optional.empty()), vector, setter, true);
    }

    private static Spec spec(Kind kind, Function<BufferAllocator, FieldVector> vector, Setter setter) {
        return spec(kind.name().toLowerCase(), SparkType.of(kind), vector, setter);
    }

    /** Every third row of most columns is NULL, at positions that drift against the 8-bit bytes of the bitmap. */
    private static boolean isNull(int g) {
        return g % 3 == 1;
    }

    private static final float[] FLOATS = {0.1f, Float.NaN, -0.0f, 1e20f, Float.MIN_VALUE, 16_777_217f, -3.5f};
    private static final double[] DOUBLES = {0.1, Double.NaN, Double.longBitsToDouble(0x7ff8000000000123L), -0.0,
        Double.NEGATIVE_INFINITY, 1e300, 42};
    private static final String[] TEXTS = {"", "plain", "héllo wörld", "日本語", "emoji 😀 pair", LONG_TEXT,
        "tab\tand \"quotes\""};

    private static List<Spec> allTypes() {
        List<Spec> specs = new ArrayList<>(List.of(
                spec(Kind.BOOLEAN, a -> new BitVector("b", a), (v, r, g) -> ((BitVector) v).setSafe(r, g % 2)),
                spec(Kind.TINYINT, a -> new TinyIntVector("t", a),
                        (v, r, g) -> ((TinyIntVector) v).setSafe(r, (byte) (g * 37))),
                spec(Kind.SMALLINT, a -> new SmallIntVector("s", a),
                        (v, r, g) -> ((SmallIntVector) v).setSafe(r, (short) (g * -1013))),
                spec(Kind.INT, a -> new IntVector("i", a), (v, r, g) -> ((IntVector) v).setSafe(r, g * 1_000_003)),
                spec(Kind.BIGINT, a -> new BigIntVector("l", a),
                        (v, r, g) -> ((BigIntVector) v).setSafe(r, g * 0x1234_5678_9abL - (1L << 62))),
                spec(Kind.FLOAT, a -> new Float4Vector("f", a),
                        (v, r, g) -> ((Float4Vector) v).setSafe(r, FLOATS[g % FLOATS.length])),
                spec(Kind.DOUBLE, a -> new Float8Vector("d", a),
                        (v, r, g) -> ((Float8Vector) v).setSafe(r, DOUBLES[g % DOUBLES.length])),
                spec("decimal", new SparkType.Decimal(38, 10), a -> new DecimalVector("dec", a, 38, 10),
                        (v, r, g) -> ((DecimalVector) v).setSafe(r, new BigDecimal(g + "123.4500000000"))),
                spec(Kind.STRING, a -> new VarCharVector("str", a), (v, r, g) -> ((VarCharVector) v).setSafe(r,
                        TEXTS[g % TEXTS.length].getBytes(StandardCharsets.UTF_8))),
                spec("malformed", SparkType.of(Kind.STRING), a -> new VarCharVector("bad", a),
                        (v, r, g) -> ((VarCharVector) v).setSafe(r, new byte[] {'a', (byte) 0xc3, (byte) 0xed,
                            (byte) 0xa0, (byte) 0x80, (byte) (g % 2 == 0 ? 0xff : 'z')})),
                spec(Kind.BINARY, a -> new VarBinaryVector("bin", a),
                        (v, r, g) -> ((VarBinaryVector) v).setSafe(r, new byte[g % 4])),
                spec(Kind.DATE, a -> new DateDayVector("date", a),
                        (v, r, g) -> ((DateDayVector) v).setSafe(r, g * 997 - 40_000)),
                spec("ltz_la", SparkType.of(Kind.TIMESTAMP), a -> timestampTz(a, "America/Los_Angeles"),
                        (v, r, g) -> ((TimeStampMicroTZVector) v).setSafe(r, g * 86_400_123_457L - 1)),
                spec("ltz_kolkata", SparkType.of(Kind.TIMESTAMP), a -> timestampTz(a, "Asia/Kolkata"),
                        (v, r, g) -> ((TimeStampMicroTZVector) v).setSafe(r, g * 3_600_000_500_000L)),
                spec(Kind.TIMESTAMP_NTZ, a -> new TimeStampMicroVector("ntz", a),
                        (v, r, g) -> ((TimeStampMicroVector) v).setSafe(r, -g * 1_000_000_007L)),
                spec(Kind.INTERVAL_YEAR_MONTH, a -> new IntervalYearVector("ym", a),
                        (v, r, g) -> ((IntervalYearVector) v).setSafe(r, g * 7 - 30)),
                spec(Kind.INTERVAL_DAY_TIME, a -> new DurationVector("dt", durationType(), a),
                        (v, r, g) -> ((DurationVector) v).setSafe(r, g * 93_784_500_001L - 5)),
                spec("array", new SparkType.ArrayType(SparkType.of(Kind.INT), true),
                        a -> ListVector.empty("arr", a), ArrowRowSetTest::setList),
                spec("struct", new SparkType.StructType(List.of()), ArrowRowSetTest::struct,
                        ArrowRowSetTest::setStruct),
                spec(Kind.NULL, a -> new NullVector("n"), (v, r, g) -> {})));
        specs.add(spec("never_null", SparkType.of(Kind.BIGINT), a -> new BigIntVector("nn", a),
                (v, r, g) -> ((BigIntVector) v).setSafe(r, g)).notNull());
        specs.add(spec("always_null", SparkType.of(Kind.INT), a -> new IntVector("an", a), (v, r, g) -> {}));
        return specs;
    }

    private static FieldVector timestampTz(BufferAllocator allocator, String zone) {
        return new TimeStampMicroTZVector("ts", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, zone)),
                allocator);
    }

    private static FieldType durationType() {
        return FieldType.nullable(new ArrowType.Duration(TimeUnit.MICROSECOND));
    }

    private static void setList(FieldVector vector, int row, int g) {
        UnionListWriter writer = ((ListVector) vector).getWriter();
        writer.setPosition(row);
        writer.startList();
        for (int i = 0; i < g % 3; i++) {
            writer.writeInt(g + i);
        }
        writer.endList();
    }

    private static FieldVector struct(BufferAllocator allocator) {
        StructVector struct = StructVector.empty("st", allocator);
        struct.addOrGet("a", FieldType.nullable(new ArrowType.Int(32, true)), IntVector.class);
        return struct;
    }

    private static void setStruct(FieldVector vector, int row, int g) {
        NullableStructWriter writer = ((StructVector) vector).getWriter();
        writer.setPosition(row);
        writer.start();
        writer.integer("a").writeInt(g);
        writer.end();
    }

    /** Batches of the given sizes; table row {@code g} counts on across them. */
    private List<ColumnBatch> batches(List<Spec> specs, int... sizes) {
        List<ColumnBatch> batches = new ArrayList<>();
        int g = 0;
        for (int size : sizes) {
            List<FieldVector> vectors = new ArrayList<>();
            for (Spec spec : specs) {
                FieldVector vector = spec.vector().apply(allocator);
                vector.allocateNew();
                for (int row = 0; row < size; row++) {
                    if (!spec.nullable() || !isNull(g + row)) {
                        spec.setter().set(vector, row, g + row);
                    }
                }
                vector.setValueCount(size);
                vectors.add(vector);
            }
            VectorSchemaRoot root = new VectorSchemaRoot(vectors);
            root.setRowCount(size);
            roots.add(root);
            batches.add(ColumnBatches.of(root));
            g += size;
        }
        return batches;
    }

    @AfterEach
    void close() {
        roots.forEach(VectorSchemaRoot::close);
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    /** Fills a sink as {@code QueryOperation.fetch} does: from a position in the first batch, batch after batch. */
    private static void fill(RowSink sink, List<ColumnBatch> batches, int offset) {
        int position = offset;
        for (ColumnBatch batch : batches) {
            while (!sink.isFull() && position < batch.rowCount()) {
                position += sink.take(batch, position, batch.rowCount() - position);
            }
            position = 0;
        }
    }

    private static RowSink oldSink(RowSetBuilder rows, FetchBudget budget) {
        return new RowSink() {
            @Override
            public boolean isFull() {
                return rows.isFull(budget);
            }

            @Override
            public int take(ColumnBatch batch, int offset, int count) {
                return rows.addRows(batch, offset, count, budget);
            }
        };
    }

    private static List<Column> columns(List<Spec> specs) {
        return specs.stream().map(Spec::column).toList();
    }

    private static ArrowRowSet newAnswer(List<Spec> specs, List<ColumnBatch> batches, int offset, FetchBudget budget) {
        ArrowRowSet rows = new ArrowRowSet(columns(specs), 77, budget);
        fill(rows, batches, offset);
        return rows;
    }

    private static TRowSet oldAnswer(List<Spec> specs, List<ColumnBatch> batches, int offset, FetchBudget budget) {
        RowSetBuilder rows = new RowSetBuilder(columns(specs), 77);
        fill(oldSink(rows, budget), batches, offset);
        return rows.build(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10);
    }

    private static byte[] binary(TBase<?, ?> value) throws TException {
        return serialize(value, TBinaryProtocol::new);
    }

    private static byte[] serialize(TBase<?, ?> value, Function<TMemoryBuffer, TProtocol> protocol)
            throws TException {
        TMemoryBuffer out = new TMemoryBuffer(THRIFT, 1024);
        value.write(protocol.apply(out));
        byte[] bytes = new byte[out.length()];
        System.arraycopy(out.getArray(), 0, bytes, 0, out.length());
        return bytes;
    }

    private static TRowSet decoded(byte[] bytes) throws TException {
        TRowSet rows = new TRowSet();
        rows.read(new TBinaryProtocol(new TMemoryInputTransport(THRIFT, bytes)));
        return rows;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 8, 13})
    void everyTypeAcrossBatchJoinsIsWrittenAsTheGeneratedClassesWriteIt(int offset) throws TException {
        List<Spec> specs = allTypes();
        // Runs of 64 rows and more count a vector's NULLs first; shorter ones look at each row.
        List<ColumnBatch> batches = batches(specs, 17, 5, 1, 100);
        ArrowRowSet answer = newAnswer(specs, batches, offset, UNLIMITED);

        assertThat(answer.rowCount()).isEqualTo(123 - offset);
        assertThat(binary(answer)).isEqualTo(binary(oldAnswer(specs, batches, offset, UNLIMITED)));
    }

    @Test
    void decodedAnswerHoldsTheValuesAndTheNullPositions() throws TException {
        List<Spec> specs = allTypes();
        List<ColumnBatch> batches = batches(specs, 10, 10);
        TRowSet decoded = decoded(binary(newAnswer(specs, batches, 3, UNLIMITED)));

        assertThat(decoded.getStartRowOffset()).isEqualTo(77);
        assertThat(decoded.getRows()).isEmpty();
        TColumn bigints = decoded.getColumns().get(4);
        List<Long> expected = IntStream.range(3, 20)
                .mapToObj(g -> isNull(g) ? 0L : g * 0x1234_5678_9abL - (1L << 62)).toList();
        assertThat(bigints.getI64Val().getValues()).isEqualTo(expected);
        BitSet nulls = BitSet.valueOf(bigints.getI64Val().getNulls());
        assertThat(nulls.stream().boxed().toList())
                .isEqualTo(IntStream.range(3, 20).filter(ArrowRowSetTest::isNull).map(g -> g - 3).boxed().toList());
        List<String> texts = decoded.getColumns().get(8).getStringVal().getValues();
        assertThat(texts.get(5 - 3)).isEqualTo(TEXTS[5]);
        assertThat(texts.get(6 - 3)).isEqualTo(TEXTS[6]);
        assertThat(texts.get(4 - 3)).as("NULL").isEmpty();
        assertThat(decoded.getColumns().get(5).getDoubleVal().getValues().get(0)).isEqualTo(1e20);
        assertThat(decoded.getColumns().get(20).getI64Val().getNulls()).as("no NULL, no bitmap").isEmpty();
        assertThat(BitSet.valueOf(decoded.getColumns().get(21).getI32Val().getNulls()).cardinality()).isEqualTo(17);
    }

    @Test
    void noRowsIsAnAnswerOfEmptyColumns() throws TException {
        List<Spec> specs = allTypes();
        List<ColumnBatch> batches = batches(specs, 9);
        FetchBudget none = new FetchBudget(0, 1);
        ArrowRowSet answer = newAnswer(specs, batches, 0, none);

        assertThat(answer.rowCount()).isZero();
        assertThat(binary(answer)).isEqualTo(binary(oldAnswer(specs, batches, 0, none)));
        assertThat(binary(new ArrowRowSet(columns(specs), 0, none)))
                .as("before any batch").isEqualTo(binary(new RowSetBuilder(columns(specs), 0)
                        .build(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10)));
    }

    @Test
    void rowBudgetEndsMidBatchInEveryColumn() throws TException {
        List<Spec> specs = allTypes();
        List<ColumnBatch> batches = batches(specs, 6, 30);
        FetchBudget budget = new FetchBudget(11, Long.MAX_VALUE);
        ArrowRowSet answer = newAnswer(specs, batches, 1, budget);

        assertThat(answer.rowCount()).isEqualTo(11);
        assertThat(binary(answer)).isEqualTo(binary(oldAnswer(specs, batches, 1, budget)));
    }

    /** Without NULLs the benchmark's row has the same size in both counts: 8 + 8 + 4 + the characters. */
    @Test
    void byteBudgetEndsAtTheRowThatSpendsIt() throws TException {
        List<Spec> specs = List.of(allTypes().get(20),
                spec(Kind.STRING, a -> new VarCharVector("s", a), (v, r, g) -> ((VarCharVector) v).setSafe(r,
                        String.valueOf(g).getBytes(StandardCharsets.UTF_8))).notNull(),
                spec(Kind.DOUBLE, a -> new Float8Vector("d", a), (v, r, g) -> ((Float8Vector) v).setSafe(r, g))
                        .notNull());
        List<ColumnBatch> batches = batches(specs, 12, 12);
        // Rows 5..9 take 21 bytes each, 10.. 22: 8 rows make 171 bytes, the 9th (2nd of the second batch) 193.
        FetchBudget budget = new FetchBudget(1000, 190);
        ArrowRowSet answer = newAnswer(specs, batches, 5, budget);

        assertThat(answer.rowCount()).isEqualTo(9);
        assertThat(binary(answer)).isEqualTo(binary(oldAnswer(specs, batches, 5, budget)));
    }

    /** Values known only once converted (decimals) are taken a row at a time; the budget counts their real size. */
    @Test
    void byteBudgetCountsConvertedValuesExactly() throws TException {
        List<Spec> specs = List.of(allTypes().get(7), allTypes().get(3));
        List<ColumnBatch> batches = batches(specs, 4, 4);
        // Row 0 is "123.4500000000" and an int (22 bytes); row 1 NULLs: "" and 0 (8); row 2 "2123.4500000000" (23).
        FetchBudget budget = new FetchBudget(1000, 40);
        ArrowRowSet answer = newAnswer(specs, batches, 0, budget);

        assertThat(answer.rowCount()).isEqualTo(3);
        assertThat(binary(answer)).isEqualTo(binary(oldAnswer(specs, batches, 0, new FetchBudget(3, Long.MAX_VALUE))));
    }

    @Test
    void theFirstRowIsTakenWhateverItsSize() throws TException {
        List<Spec> specs = List.of(allTypes().get(8));
        List<ColumnBatch> batches = batches(specs, 7);
        FetchBudget budget = new FetchBudget(1000, 1);
        ArrowRowSet answer = newAnswer(specs, batches, 5, budget);

        assertThat(answer.rowCount()).isEqualTo(1);
        assertThat(binary(answer)).isEqualTo(binary(oldAnswer(specs, batches, 5, budget)));
    }

    @Test
    void otherProtocolsGetTheSameValues() throws TException {
        List<Spec> specs = allTypes();
        List<ColumnBatch> batches = batches(specs, 13, 4);
        assertThat(serialize(newAnswer(specs, batches, 2, UNLIMITED), TCompactProtocol::new))
                .isEqualTo(serialize(oldAnswer(specs, batches, 2, UNLIMITED), TCompactProtocol::new));
    }
}
