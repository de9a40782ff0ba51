package io.lakegate.engine.policy;

import io.lakegate.common.SparkType;
import io.lakegate.policy.MaskType;

/**
 * The Spark SQL that shows a column through one of the {@code hive} mask types, as POLICY-SEMANTICS.md defines them
 * after Hive's mask UDFs: letters and digits of strings become {@code x} or {@code X}/{@code x}/{@code n}, digits of
 * numbers become {@code 1}, and the masked value keeps the column's type (but for {@link MaskType#MASK_HASH}, which
 * is a string). Types a mask cannot show (booleans, binaries, nested types) come out as NULL.
 */
final class MaskExpressions {
    /** Hive's mask UDFs keep this many characters in the SHOW_FIRST/SHOW_LAST masks. */
    private static final int SHOWN_CHARACTERS = 4;

    private MaskExpressions() {}

    /**
     * The masked value of the column that {@code column} (quoted Spark SQL) refers to; {@link MaskType#CUSTOM} and
     * {@link MaskType#MASK_NONE} are not built here.
     */
    static String of(MaskType type, String column, SparkType columnType) {
        Family family = Family.of(columnType);
        return switch (type) {
            case MASK -> switch (family) {
                case STRING -> "mask(" + column + ")";
                case NUMBER -> asNumber(digitsToOne(asString(column)), columnType);
                // Hive's mask sets a date to day 1, month January, year 1; NULL stays NULL.
                case DATE -> "CAST(CASE WHEN " + column + " IS NULL THEN NULL ELSE DATE '0001-01-01' END AS "
                        + columnType.sql() + ")";
                case OTHER -> nullOf(columnType);
            };
            case MASK_SHOW_LAST_4 -> showLast(column, columnType, family);
            case MASK_SHOW_FIRST_4 -> showFirst(column, columnType, family);
            case MASK_HASH -> "sha2(" + asString(column) + ", 256)";
            case MASK_NULL -> nullOf(columnType);
            case MASK_DATE_SHOW_YEAR -> switch (family) {
                case DATE -> columnType.kind() == SparkType.Kind.DATE
                        ? "trunc(" + column + ", 'YEAR')"
                        : "CAST(date_trunc('YEAR', " + column + ") AS " + columnType.sql() + ")";
                case STRING -> lettersAndDigitsToX(column);
                case NUMBER -> asNumber(digitsToOne(asString(column)), columnType);
                case OTHER -> nullOf(columnType);
            };
            case CUSTOM, MASK_NONE -> throw new IllegalArgumentException("no built-in expression for " + type);
        };
    }

    /** A custom mask's value, cast back to the column's type so the column keeps it. */
    static String custom(String expression, SparkType columnType) {
        return "CAST((" + expression + ") AS " + columnType.sql() + ")";
    }

    static String nullOf(SparkType columnType) {
        return "CAST(NULL AS " + columnType.sql() + ")";
    }

    private static String showLast(String column, SparkType columnType, Family family) {
        return switch (family) {
            case STRING -> keepShort(column, "concat(" + lettersAndDigitsToX(head(column)) + ", "
                    + tail(column) + ")");
            case NUMBER -> {
                String text = asString(column);
                yield asNumber(keepShort(text, "concat(" + digitsToOne(head(text)) + ", " + tail(text) + ")"),
                        columnType);
            }
            case DATE, OTHER -> nullOf(columnType);
        };
    }

    private static String showFirst(String column, SparkType columnType, Family family) {
        return switch (family) {
            case STRING -> keepShort(column, "concat(substring(" + column + ", 1, " + SHOWN_CHARACTERS + "), "
                    + lettersAndDigitsToX("substring(" + column + ", " + (SHOWN_CHARACTERS + 1) + ")") + ")");
            case NUMBER -> {
                String text = asString(column);
                yield asNumber(keepShort(text, "concat(substring(" + text + ", 1, " + SHOWN_CHARACTERS + "), "
                        + digitsToOne("substring(" + text + ", " + (SHOWN_CHARACTERS + 1) + ")") + ")"), columnType);
            }
            case DATE, OTHER -> nullOf(columnType);
        };
    }

    /** Values of at most four characters are shown whole, as Hive's mask_show_first_n/last_n do. */
    private static String keepShort(String value, String masked) {
        return "CASE WHEN char_length(" + value + ") <= " + SHOWN_CHARACTERS + " THEN " + value + " ELSE " + masked
                + " END";
    }

    private static String head(String value) {
        return "substring(" + value + ", 1, char_length(" + value + ") - " + SHOWN_CHARACTERS + ")";
    }

    private static String tail(String value) {
        return "substring(" + value + ", -" + SHOWN_CHARACTERS + ")";
    }

    /** Upper and lower case letters and digits to {@code x}, everything else kept: Hive's {@code 'x','x','x', -1}. */
    private static String lettersAndDigitsToX(String value) {
        return "mask(" + value + ", 'x', 'x', 'x', NULL)";
    }

    private static String digitsToOne(String text) {
        return "regexp_replace(" + text + ", '[0-9]', '1')";
    }

    private static String asString(String column) {
        return "CAST(" + column + " AS STRING)";
    }

    private static String asNumber(String text, SparkType columnType) {
        return "CAST(" + text + " AS " + columnType.sql() + ")";
    }

    /** How the masks treat a type. */
    private enum Family {
        STRING,
        NUMBER,
        DATE,
        OTHER;

        static Family of(SparkType type) {
            return switch (type.kind()) {
                case STRING, CHAR, VARCHAR -> STRING;
                case TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, DECIMAL -> NUMBER;
                case DATE, TIMESTAMP, TIMESTAMP_NTZ -> DATE;
                default -> OTHER;
            };
        }
    }
}
