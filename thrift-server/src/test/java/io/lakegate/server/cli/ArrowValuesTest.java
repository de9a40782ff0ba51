package io.lakegate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.lakegate.common.SparkType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.hive.service.rpc.thrift.TRowSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-written formatting of values gives, for many random inputs, exactly what the formulations it replaced
 * (String.format, a regex, ZoneId.of and Text per value, kept here as the oracles) gave.
 */
class ArrowValuesTest {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("UTC"),
            ZoneId.of("America/Los_Angeles"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Australia/Lord_Howe"),
            ZoneOffset.of("+05:30"), ZoneOffset.of("-09:30"), ZoneOffset.ofHoursMinutesSeconds(-7, -52, -58));

    private final SplittableRandom random = new SplittableRandom(20_261_202L);
    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @Test
    void floatsWidenAsTheirShortestTextParsesForEveryKindOfBitPattern() {
        List<Float> edges = new ArrayList<>(List.of(0.0f, -0.0f, 0.1f, -0.1f, 1e20f, 1e7f, 9_999_999f, 16_777_216f,
                0.5f, 999.9375f, 3.4028235e38f, Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0x7f800001),
                Float.intBitsToFloat(0xffc00001), Float.intBitsToFloat(0x7fffffff)));
        for (double limit : new double[] {1e7, 1e6, 1e5, 1e4, 1e3}) {
            float edge = (float) limit;
            edges.addAll(List.of(edge, Math.nextUp(edge), Math.nextDown(edge), -Math.nextDown(edge)));
        }
        edges.forEach(ArrowValuesTest::assertWidensAsItsText);
        for (int i = 0; i < 300_000; i++) {
            assertWidensAsItsText(Float.intBitsToFloat(random.nextInt()));
        }
        for (int i = 0; i < 200_000; i++) {
            double multiple = random.nextInt(-20_000_000, 20_000_000);
            assertWidensAsItsText((float) Math.scalb(multiple, -random.nextInt(6)));
        }
    }

    @Test
    void everyFloatTheFastPathTakesWidensAsItsText() {
        // The fast path takes multiples of 2^-bits below a limit per bits: all of them, positive (the sign is
        // symmetric in both the text and the widening).
        double[] limits = {1e7, 1e6, 1e5, 1e4, 1e3};
        for (int bits = 0; bits < limits.length; bits++) {
            double step = Math.scalb(1.0, -bits);
            for (long multiple = bits == 0 ? 0 : 1; multiple * step < limits[bits]; multiple += bits == 0 ? 1 : 2) {
                assertWidensAsItsText((float) (multiple * step));
            }
        }
    }

    @Test
    void timestampsMatchTheFormattedTextInEveryZone() {
        long year10000 = startOfYear(10_000);
        long year1000 = startOfYear(1_000);
        long year1900 = startOfYear(1_900);
        List<Long> micros = new ArrayList<>(List.of(0L, -1L, 1L, 10L, 500_000L, -500_000L, Long.MAX_VALUE,
                Long.MIN_VALUE, year10000, year10000 - 1, year1000, year1000 - 1, year1900 - 1, -year1000,
                -year1000 - 1, -year10000, -year10000 - 1));
        for (int i = 0; i < 5_000; i++) {
            micros.add(random.nextLong());
            micros.add(random.nextLong(-year10000, year10000));
            // Whole seconds since 1800 plus a fraction with trailing zeros.
            micros.add(random.nextLong(startOfYear(1_800), startOfYear(2_100)) / MICROS_PER_SECOND
                    * MICROS_PER_SECOND + random.nextInt(20) * (long) Math.pow(10, random.nextInt(6)));
        }
        for (long value : micros) {
            for (ZoneId zone : ZONES) {
                assertSame(ArrowValues.timestamp(value, zone), formattedTimestamp(value, zone), value + " in " + zone);
            }
        }
    }

    @Test
    void dayTimeIntervalsMatchTheFormattedText() {
        List<Long> micros = new ArrayList<>(List.of(0L, 1L, -1L, 999_999L, -86_400_000_000L, Long.MAX_VALUE,
                Long.MIN_VALUE, Long.MIN_VALUE + 1));
        for (int i = 0; i < 30_000; i++) {
            micros.add(random.nextLong());
            micros.add(random.nextLong(-400L * 86_400 * MICROS_PER_SECOND, 400L * 86_400 * MICROS_PER_SECOND));
        }
        for (long value : micros) {
            assertSame(ArrowValues.dayTime(value), formattedDayTime(value), value);
        }
    }

    @Test
    void vectorsReadAsTheirFormattedText() {
        int rows = 10_000;
        List<String> zoneNames = List.of("UTC", "Z", "+05:30", "-08:00", "America/Los_Angeles", "Asia/Kolkata",
                "Australia/Lord_Howe");
        try (DateDayVector dates = new DateDayVector("d", allocator);
                VarCharVector strings = new VarCharVector("s", allocator)) {
            dates.allocateNew(rows);
            strings.allocateNew(rows);
            for (int row = 0; row < rows; row++) {
                dates.set(row, random.nextInt(-5_000_000, 5_000_000));
                strings.setSafe(row, randomBytes());
            }
            dates.setValueCount(rows);
            strings.setValueCount(rows);
            for (int row = 0; row < rows; row++) {
                assertSame(ArrowValues.read(dates, row), LocalDate.ofEpochDay(dates.get(row)).toString(), row);
                assertSame(ArrowValues.read(strings, row), strings.getObject(row).toString(), row);
            }
        }
        for (String zoneName : zoneNames) {
            try (TimeStampMicroTZVector times = new TimeStampMicroTZVector("t", allocator, zoneName)) {
                times.allocateNew(1_000);
                for (int row = 0; row < 1_000; row++) {
                    times.set(row, random.nextLong());
                }
                times.setValueCount(1_000);
                for (int row = 0; row < 1_000; row++) {
                    assertSame(ArrowValues.read(times, row), formattedTimestamp(times.get(row), ZoneId.of(zoneName)),
                            times.get(row) + " in " + zoneName);
                }
            }
        }
    }

    @Test
    void stringsInNestedValuesEscapeEveryControlCharacter() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            all.append(c);
        }
        String text = all + "\u00e9\u20ac\ud83d\ude00";
        try (ListVector list = ListVector.empty("l", allocator)) {
            list.addOrGetVector(FieldType.nullable(new ArrowType.Utf8()));
            VarCharVector elements = (VarCharVector) list.getDataVector();
            list.allocateNew();
            list.startNewValue(0);
            elements.setSafe(0, text.getBytes(StandardCharsets.UTF_8));
            elements.setNull(1);
            elements.setValueCount(2);
            list.endValue(0, 2);
            list.setValueCount(1);
            assertThat(ArrowValues.read(list, 0)).isEqualTo("[" + escapedJson(text) + ",null]");
        }
    }

    @Test
    void rowBasedBinaryIsTheDecodedTextOfItsBytes() {
        RowSetBuilder builder = new RowSetBuilder(List.of(Column.of("b", SparkType.Kind.BINARY)), 0);
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] value = randomBytes();
            values.add(value);
            builder.addRow(new Object[] {value});
        }
        TRowSet rowSet = builder.build(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V5);
        for (int row = 0; row < values.size(); row++) {
            assertSame(rowSet.getRows().get(row).getColVals().get(0).getStringVal().getValue(),
                    StandardCharsets.UTF_8.decode(ByteBuffer.wrap(values.get(row))).toString(), row);
        }
    }

    /** Mostly well-formed UTF-8 of one to four bytes a character, sometimes any bytes at all. */
    private byte[] randomBytes() {
        if (random.nextInt(4) == 0) {
            byte[] bytes = new byte[random.nextInt(12)];
            random.nextBytes(bytes);
            return bytes;
        }
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            text.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x10000, 0x110000)
                    : random.nextInt(0xd800));
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void assertWidensAsItsText(float value) {
        long actual = Double.doubleToRawLongBits(ArrowValues.floatAsDouble(value));
        long expected = Double.doubleToRawLongBits(Double.parseDouble(Float.toString(value)));
        if (actual != expected) {
            fail("%s (bits %08x) widened to %016x, its text parses to %016x", value, Float.floatToRawIntBits(value),
                    actual, expected);
        }
    }

    /** Fails with the input named; checking a million values through AssertJ would take most of the test's time. */
    private static void assertSame(Object actual, String expected, Object input) {
        if (!expected.equals(actual)) {
            fail("%s: got %s, expected %s", input, actual, expected);
        }
    }

    private static long startOfYear(int year) {
        return TimeUnit.DAYS.toMicros(LocalDate.of(year, 1, 1).toEpochDay());
    }

    private static String formattedTimestamp(long epochMicros, ZoneId zone) {
        long seconds = Math.floorDiv(epochMicros, MICROS_PER_SECOND);
        long micros = Math.floorMod(epochMicros, MICROS_PER_SECOND);
        LocalDateTime time = LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds, micros * 1000), zone);
        StringBuilder text = new StringBuilder().append(time.toLocalDate()).append(' ')
                .append(String.format(Locale.ROOT, "%02d:%02d:%02d", time.getHour(), time.getMinute(),
                        time.getSecond()));
        if (micros != 0) {
            String fraction = String.format(Locale.ROOT, "%06d", micros);
            text.append('.').append(fraction.replaceFirst("0+$", ""));
        }
        return text.toString();
    }

    private static String formattedDayTime(long micros) {
        long magnitude = Math.abs(micros);
        long seconds = magnitude / MICROS_PER_SECOND;
        return String.format(Locale.ROOT, "%s%d %02d:%02d:%02d.%09d", micros < 0 ? "-" : "",
                TimeUnit.SECONDS.toDays(seconds), seconds / 3600 % 24, seconds / 60 % 60, seconds % 60,
                magnitude % MICROS_PER_SECOND * 1000);
    }

    private static String escapedJson(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> json.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : c);
            }
        }
        return json.append('"').toString();
    }
}
