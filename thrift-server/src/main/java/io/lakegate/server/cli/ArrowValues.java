package io.lakegate.server.cli;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Reads one value of an Arrow vector as HiveServer2 carries it: numbers and booleans as themselves, binary as bytes,
 * and everything else as text in Hive's formats (dates {@code 2024-01-31}, timestamps {@code 2024-01-31 12:00:00.5}
 * in the session's time zone, decimals without exponent, arrays, maps and structs as JSON).
 */
final class ArrowValues {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();
    /**
     * Per number of binary fraction digits of a float (index), the magnitude below which its exact decimal has at
     * most seven significant digits: no shorter decimal lies within half an ulp, so Float.toString prints the exact
     * value and parsing that text gives the float widened.
     */
    private static final double[] PRINTED_EXACTLY_BELOW = {1e7, 1e6, 1e5, 1e4, 1e3};
    /** Zone names come from the schema of every batch; resolving one parses it and looks up its rules. */
    private static final ConcurrentMap<String, ZoneId> ZONES = new ConcurrentHashMap<>();

    private ArrowValues() {}

    /** The value, or null for SQL NULL. */
    static Object read(FieldVector vector, int row) {
        if (vector.isNull(row)) {
            return null;
        }
        return switch (vector.getMinorType()) {
            case BIT -> ((BitVector) vector).get(row) != 0;
            case TINYINT -> ((TinyIntVector) vector).get(row);
            case SMALLINT -> ((SmallIntVector) vector).get(row);
            case INT -> ((IntVector) vector).get(row);
            case BIGINT -> ((BigIntVector) vector).get(row);
            case FLOAT4 -> ((Float4Vector) vector).get(row);
            case FLOAT8 -> ((Float8Vector) vector).get(row);
            case DECIMAL, DECIMAL256 -> ((BigDecimal) vector.getObject(row)).toPlainString();
            case VARBINARY, LARGEVARBINARY, FIXEDSIZEBINARY, VIEWVARBINARY -> (byte[]) vector.getObject(row);
            case DATEDAY -> {
                StringBuilder date = new StringBuilder(10);
                appendDate(LocalDate.ofEpochDay(((DateDayVector) vector).get(row)), date);
                yield date.toString();
            }
            case TIMESTAMPMICROTZ -> timestamp(((TimeStampMicroTZVector) vector).get(row),
                    zone(((ArrowType.Timestamp) vector.getField().getType()).getTimezone()));
            case TIMESTAMPMICRO -> timestamp(((TimeStampMicroVector) vector).get(row), ZoneOffset.UTC);
            case INTERVALYEAR -> yearMonth(((IntervalYearVector) vector).get(row));
            case DURATION -> dayTime(DurationVector.get(((DurationVector) vector).getDataBuffer(), row));
            case LIST, LARGELIST, FIXED_SIZE_LIST, MAP, STRUCT -> {
                StringBuilder json = new StringBuilder();
                appendJson(vector, row, json);
                yield json.toString();
            }
            // Straight from the UTF-8 bytes: getObject would copy them into a Text first.
            case VARCHAR, LARGEVARCHAR, VIEWVARCHAR ->
                    new String(((VariableWidthFieldVector) vector).get(row), StandardCharsets.UTF_8);
            default -> vector.getObject(row).toString();
        };
    }

    /** A float as the double whose shortest text is the float's: 0.1f is 0.1, not 0.10000000149011612. */
    static double floatAsDouble(float value) {
        double wide = value;
        double scaled = wide;
        for (int fractionBits = 0; fractionBits < PRINTED_EXACTLY_BELOW.length; fractionBits++, scaled *= 2) {
            if (scaled == Math.rint(scaled)) {
                return Math.abs(wide) < PRINTED_EXACTLY_BELOW[fractionBits] ? wide : shortestText(value);
            }
        }
        return shortestText(value);
    }

    private static double shortestText(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    /** The zone of a zone name, each name resolved once. */
    private static ZoneId zone(String name) {
        return ZONES.computeIfAbsent(name, ZoneId::of);
    }

    /** Like Hive: {@code yyyy-MM-dd HH:mm:ss} and the fraction of a second without trailing zeros. */
    static String timestamp(long epochMicros, ZoneId zone) {
        long seconds = Math.floorDiv(epochMicros, MICROS_PER_SECOND);
        int micros = (int) Math.floorMod(epochMicros, MICROS_PER_SECOND);
        int offset = zone instanceof ZoneOffset fixed ? fixed.getTotalSeconds()
                : zone.getRules().getOffset(Instant.ofEpochSecond(seconds)).getTotalSeconds();
        long local = seconds + offset;
        int secondOfDay = (int) Math.floorMod(local, SECONDS_PER_DAY);
        StringBuilder text = new StringBuilder(26);
        appendDate(LocalDate.ofEpochDay(Math.floorDiv(local, SECONDS_PER_DAY)), text);
        text.append(' ');
        appendPadded(secondOfDay / 3600, 2, text);
        text.append(':');
        appendPadded(secondOfDay / 60 % 60, 2, text);
        text.append(':');
        appendPadded(secondOfDay % 60, 2, text);
        if (micros != 0) {
            int digits = 6;
            for (; micros % 10 == 0; micros /= 10) {
                digits--;
            }
            text.append('.');
            appendPadded(micros, digits, text);
        }
        return text.toString();
    }

    /** Hive's year-month interval text: {@code 1-2}, {@code -1-2}. */
    static String yearMonth(int months) {
        return (months < 0 ? "-" : "") + Math.abs(months / 12) + "-" + Math.abs(months % 12);
    }

    /** Hive's day-time interval text: {@code 1 02:03:04.500000000}. */
    static String dayTime(long micros) {
        long magnitude = Math.abs(micros);
        long seconds = magnitude / MICROS_PER_SECOND;
        StringBuilder text = new StringBuilder(24);
        if (micros < 0) {
            text.append('-');
        }
        text.append(seconds / SECONDS_PER_DAY).append(' ');
        appendPadded(seconds / 3600 % 24, 2, text);
        text.append(':');
        appendPadded(seconds / 60 % 60, 2, text);
        text.append(':');
        appendPadded(seconds % 60, 2, text);
        text.append('.');
        appendPadded(magnitude % MICROS_PER_SECOND * 1000, 9, text);
        return text.toString();
    }

    /** As LocalDate.toString writes it: four digits at least, a sign before a negative or a five-digit year. */
    private static void appendDate(LocalDate date, StringBuilder text) {
        int year = date.getYear();
        if (year > 9999) {
            text.append('+');
        }
        appendPadded(year, year < 0 ? 5 : 4, text);
        text.append('-');
        appendPadded(date.getMonthValue(), 2, text);
        text.append('-');
        appendPadded(date.getDayOfMonth(), 2, text);
    }

    /**
     * As {@code %0<width>d} formats: zeros after the sign up to {@code width} characters. Callers pass values that
     * are not Long.MIN_VALUE, whose magnitude a long cannot hold.
     */
    private static void appendPadded(long value, int width, StringBuilder text) {
        long magnitude = value;
        int length = 1;
        if (value < 0) {
            text.append('-');
            magnitude = -value;
            length++;
        }
        for (long rest = magnitude / 10; rest != 0; rest /= 10) {
            length++;
        }
        for (; length < width; length++) {
            text.append('0');
        }
        text.append(magnitude);
    }

    private static void appendJson(FieldVector vector, int row, StringBuilder json) {
        if (vector.isNull(row)) {
            json.append("null");
        } else if (vector instanceof MapVector map) {
            StructVector entries = (StructVector) map.getDataVector();
            FieldVector keys = (FieldVector) entries.getChildByOrdinal(0);
            FieldVector values = (FieldVector) entries.getChildByOrdinal(1);
            json.append('{');
            for (int i = map.getElementStartIndex(row); i < map.getElementEndIndex(row); i++) {
                if (i > map.getElementStartIndex(row)) {
                    json.append(',');
                }
                appendJson(keys, i, json);
                json.append(':');
                appendJson(values, i, json);
            }
            json.append('}');
        } else if (vector instanceof ListVector list) {
            FieldVector elements = list.getDataVector();
            json.append('[');
            for (int i = list.getElementStartIndex(row); i < list.getElementEndIndex(row); i++) {
                if (i > list.getElementStartIndex(row)) {
                    json.append(',');
                }
                appendJson(elements, i, json);
            }
            json.append(']');
        } else if (vector instanceof StructVector struct) {
            json.append('{');
            for (int i = 0; i < struct.size(); i++) {
                FieldVector field = (FieldVector) struct.getChildByOrdinal(i);
                if (i > 0) {
                    json.append(',');
                }
                appendString(field.getName(), json);
                json.append(':');
                appendJson(field, row, json);
            }
            json.append('}');
        } else {
            Object value = read(vector, row);
            if (value instanceof String text) {
                appendString(text, json);
            } else if (value instanceof byte[] bytes) {
                appendString(new String(bytes, StandardCharsets.UTF_8), json);
            } else {
                json.append(value);
            }
        }
    }

    private static void appendString(String text, StringBuilder json) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append("\\u00").append(HEX_DIGITS[c >> 4]).append(HEX_DIGITS[c & 0xf]);
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
