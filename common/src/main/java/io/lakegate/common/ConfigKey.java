package io.lakegate.common;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * One configuration key: its name, its default, a one-line description for the documentation, and how its text
 * becomes a value. Each module keeps its keys as constants in one class, with a list of all of them that the
 * documentation is checked against.
 *
 * @param defaultValue the value when nothing sets the key; null when the default is derived from other keys, in which
 *     case {@code defaultDescription} says how
 */
public record ConfigKey<T>(
        String name, T defaultValue, String defaultDescription, String description, Function<String, T> parser) {

    public ConfigKey {
        requireNonNull(name, "name is null");
        requireNonNull(defaultDescription, "defaultDescription is null");
        requireNonNull(description, "description is null");
        requireNonNull(parser, "parser is null");
    }

    public static ConfigKey<String> string(String name, String defaultValue, String description) {
        return new ConfigKey<>(name, defaultValue, show(defaultValue), description, Function.identity());
    }

    public static ConfigKey<Integer> integer(String name, int defaultValue, String description) {
        return new ConfigKey<>(name, defaultValue, show(defaultValue), description, ConfigKey::parseInteger);
    }

    /** A whole number from {@code min} to {@code max}; a value outside is refused, naming the range. */
    public static ConfigKey<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        return new ConfigKey<>(name, defaultValue, show(defaultValue), description, text -> {
            int value = parseInteger(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException(value + " (expected: " + min + " to " + max + ")");
            }
            return value;
        });
    }

    public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String description) {
        return new ConfigKey<>(name, defaultValue, show(defaultValue), description, ConfigKey::parseBoolean);
    }

    /** A duration: ISO-8601 ({@code PT30S}) or a number with a unit ({@code 500ms}, {@code 30s}, {@code 5m}). */
    public static ConfigKey<Duration> duration(String name, Duration defaultValue, String description) {
        return new ConfigKey<>(name, defaultValue, show(defaultValue), description, ConfigKey::parseDuration);
    }

    /** A duration the way {@link #parseDuration} reads it back: {@code 3m}, {@code 30s}, {@code 500ms}. */
    static String show(Duration duration) {
        if (duration.toMillisPart() != 0 || duration.isZero()) {
            return duration.toMillis() + "ms";
        }
        if (duration.toSecondsPart() != 0) {
            return duration.toSeconds() + "s";
        }
        if (duration.toMinutesPart() != 0) {
            return duration.toMinutes() + "m";
        }
        return duration.toHours() + "h";
    }

    /** A size in bytes, written as a number with an optional unit: {@code 512k}, {@code 64m}, {@code 1g}. */
    public static ConfigKey<Long> bytes(String name, String defaultValue, String description) {
        return new ConfigKey<>(name, parseBytes(defaultValue), defaultValue, description, ConfigKey::parseBytes);
    }

    static long parseBytes(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.endsWith("b")) {
            value = value.substring(0, value.length() - 1);
        }
        long unit = switch (value.isEmpty() ? ' ' : value.charAt(value.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            case 't' -> 1L << 40;
            default -> 1;
        };
        String digits = unit == 1 ? value : value.substring(0, value.length() - 1);
        try {
            long amount = Long.parseLong(digits.trim());
            if (amount <= 0) {
                throw new IllegalArgumentException("expected a size above zero");
            }
            return Math.multiplyExact(amount, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("expected a size such as 512k, 64m or 1g");
        }
    }

    public static ConfigKey<Path> path(String name, String defaultValue, String description) {
        return new ConfigKey<>(
                name, defaultValue == null ? null : Path.of(defaultValue), show(defaultValue), description, Path::of);
    }

    /** A key whose default is computed from other keys; {@code defaultDescription} says how, for the documentation. */
    public static <T> ConfigKey<T> derived(
            String name, String defaultDescription, String description, Function<String, T> parser) {
        return new ConfigKey<>(name, null, defaultDescription, description, parser);
    }

    public Optional<T> defaultIfAny() {
        return Optional.ofNullable(defaultValue);
    }

    /** The environment variable that overrides this key: {@code LAKEGATE_SERVER_PORT} for lakegate.server.port. */
    public String environmentVariable() {
        return environmentVariable(name);
    }

    static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static String show(Object value) {
        if (value == null) {
            return "(none)";
        }
        return value.toString().isEmpty() ? "(empty)" : value.toString();
    }

    private static Integer parseInteger(String text) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number");
        }
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("pt") || value.startsWith("p")) {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        }
        int unitStart = 0;
        while (unitStart < value.length() && Character.isDigit(value.charAt(unitStart))) {
            unitStart++;
        }
        if (unitStart == 0) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 30s, 5m, 2h or PT30S");
        }
        long amount = Long.parseLong(value.substring(0, unitStart));
        return switch (value.substring(unitStart).trim()) {
            case "ms" -> Duration.ofMillis(amount);
            case "s", "" -> Duration.ofSeconds(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("expected a duration such as 500ms, 30s, 5m, 2h or PT30S");
        };
    }
}
