package io.lakegate.server.cli;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
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
            case DATEDAY -> LocalDate.ofEpochDay(((DateDayVector) vector).get(row)).toString();
            case TIMESTAMPMICROTZ -> timestamp(((TimeStampMicroTZVector) vector).get(row),
                    ZoneId.of(((ArrowType.Timestamp) vector.getField().getType()).getTimezone()));
            case TIMESTAMPMICRO -> timestamp(((TimeStampMicroVector) vector).get(row), ZoneOffset.UTC);
            case INTERVALYEAR -> yearMonth(((IntervalYearVector) vector).get(row));
            case DURATION -> dayTime(DurationVector.get(((DurationVector) vector).getDataBuffer(), row));
            case LIST, LARGELIST, FIXED_SIZE_LIST, MAP, STRUCT -> {
                StringBuilder json = new StringBuilder();
                appendJson(vector, row, json);
                yield json.toString();
            }
            default -> vector.getObject(row).toString();
        };
    }

    /** A float as the double whose shortest text is the float's: 0.1f is 0.1, not 0.10000000149011612. */
    static double floatAsDouble(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    /** Like Hive: {@code yyyy-MM-dd HH:mm:ss} and the fraction of a second without trailing zeros. */
    static String timestamp(long epochMicros, ZoneId zone) {
        long seconds = Math.floorDiv(epochMicros, MICROS_PER_SECOND);
        long micros = Math.floorMod(epochMicros, MICROS_PER_SECOND);
        LocalDateTime time = LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds, micros * 1000), zone);
        StringBuilder text = new StringBuilder().append(time.toLocalDate()).append(' ')
                .append(String.format("%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond()));
        if (micros != 0) {
            String fraction = String.format("%06d", micros);
            text.append('.').append(fraction.replaceFirst("0+$", ""));
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
        return String.format("%s%d %02d:%02d:%02d.%09d", micros < 0 ? "-" : "", TimeUnit.SECONDS.toDays(seconds),
                seconds / 3600 % 24, seconds / 60 % 60, seconds % 60, magnitude % MICROS_PER_SECOND * 1000);
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
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
