package io.lakegate.common;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An immutable set of configuration values. A value is looked up, in order, among the explicit entries (a
 * {@code -D} system property or what an embedding application passed), the environment ({@code LAKEGATE_SERVER_PORT}
 * for {@code lakegate.server.port}), the configuration file, and finally the key's default.
 */
public final class Settings {
    private final Map<String, String> explicit;
    private final Function<String, String> environment;
    private final Map<String, String> file;

    private Settings(Map<String, String> explicit, Function<String, String> environment, Map<String, String> file) {
        this.explicit = Map.copyOf(explicit);
        this.environment = environment;
        this.file = Map.copyOf(file);
    }

    /** Settings made only of these entries, with no environment or file: what an embedding application passes. */
    public static Settings of(Map<String, String> entries) {
        return new Settings(entries, name -> null, Map.of());
    }

    public static Settings empty() {
        return of(Map.of());
    }

    /**
     * The settings a server process runs with: the given properties file (if it exists), overridden by the process
     * environment, overridden by the JVM's system properties.
     */
    public static Settings forProcess(Optional<Path> configurationFile) {
        Map<String, String> systemProperties = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("lakegate.") || name.startsWith("spark."))
                .forEach(name -> systemProperties.put(name, System.getProperty(name)));
        return layered(systemProperties, System::getenv, configurationFile);
    }

    /** Explicit entries over an environment over a properties file (read if it exists). */
    static Settings layered(
            Map<String, String> explicit, Function<String, String> environment, Optional<Path> configurationFile) {
        Map<String, String> fromFile = configurationFile.filter(Files::isRegularFile).map(Settings::readProperties)
                .orElse(Map.of());
        return new Settings(explicit, environment, fromFile);
    }

    /** A copy with one more explicit entry, which takes precedence over every other source. */
    public Settings with(String key, String value) {
        Map<String, String> entries = new LinkedHashMap<>(explicit);
        entries.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
        return new Settings(entries, environment, file);
    }

    /** The raw text set for a key, from the first source that sets it. */
    public Optional<String> raw(String key) {
        String value = explicit.get(key);
        if (value == null) {
            value = environment.apply(ConfigKey.environmentVariable(key));
        }
        if (value == null) {
            value = file.get(key);
        }
        return Optional.ofNullable(value);
    }

    /** The key's value, or its default; fails when neither is there (a derived default is the caller's job). */
    public <T> T get(ConfigKey<T> key) {
        return find(key).or(key::defaultIfAny).orElseThrow(() -> new LakegateException(
                SqlStates.INVALID_PARAMETER_VALUE, "The setting " + key.name() + " is required but not set"));
    }

    /** The key's value when a source sets it, ignoring the default. */
    public <T> Optional<T> find(ConfigKey<T> key) {
        return raw(key.name()).map(text -> parse(key, text));
    }

    /**
     * Every entry whose key starts with the prefix, from every source ({@code spark.} keys that pass to clusters, for
     * example). Environment variables are not scanned: their names cannot be mapped back to keys with certainty.
     */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> result = new TreeMap<>();
        file.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                result.put(key, value);
            }
        });
        explicit.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                result.put(key, value);
            }
        });
        return result;
    }

    private static <T> T parse(ConfigKey<T> key, String text) {
        try {
            return key.parser().apply(text);
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE,
                    "Invalid value '" + text + "' for " + key.name() + ": " + reason, e);
        }
    }

    private static Map<String, String> readProperties(Path path) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE,
                    "Cannot read the configuration file " + path + ": " + e.getMessage(), e);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> entries.put(name, properties.getProperty(name).trim()));
        return entries;
    }
}
