package io.lakegate.engine;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.frontend.StatementType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which Spark settings a restricted user may change or read: those {@code lakegate.session.allowed-settings} lists,
 * never those that could change what a statement reads, how it is parsed, or reveal the clusters' configuration
 * (catalogs and their credentials, file systems, code to load, the gateway's own keys). A restricted session's
 * statements, the settings it opens with and per-statement settings all pass through {@link #check} or
 * {@link #requireSettable} before anything reaches a cluster.
 */
final class SettingsGuard {
    private static final String CATALOGS = "catalogs and the warehouse are the gateway's";
    private static final String CODE = "it names code for the cluster to load or run";
    private static final String FILES = "file-system settings are the gateway's";
    private static final String PARSING = "it changes how statements are parsed or how names resolve";
    private static final String SUBSTITUTION = "variable substitution stays off for restricted users";
    private static final String GATEWAY = "spark.lakegate.* settings are the gateway's own";
    private static final String REDACTION = "redaction settings protect secrets";
    private static final String DATA_READ = "it changes which data or which table version statements read";
    private static final String CHECKS = "it could switch off checks the cluster makes";
    private static final String NOT_LISTED = "it is not in " + EngineConfigKeys.SESSION_ALLOWED_SETTINGS.name();

    /**
     * Never allowed to restricted users, whatever the allow-list says. Matched without regard to case: Spark's keys are
     * case-sensitive, but a key that differs only in case from one of these is suspect anyway.
     */
    private static final List<Rule> FORBIDDEN = List.of(
            Rule.prefix("spark.sql.catalog.", CATALOGS),
            Rule.exact("spark.sql.catalog", CATALOGS),
            Rule.exact("spark.sql.defaultCatalog", CATALOGS),
            Rule.exact("spark.sql.catalogImplementation", CATALOGS),
            Rule.exact("spark.sql.warehouse.dir", CATALOGS),
            Rule.exact("spark.sql.globalTempDatabase", CATALOGS),
            Rule.prefix("spark.sql.hive.metastore", CATALOGS),
            Rule.prefix("hive.metastore.", CATALOGS),
            Rule.prefix("javax.jdo.", CATALOGS),
            Rule.prefix("datanucleus.", CATALOGS),
            Rule.prefix("spark.sql.extensions", CODE),
            Rule.prefix("spark.plugins", CODE),
            Rule.prefix("spark.jars", CODE),
            Rule.prefix("spark.files", CODE),
            Rule.prefix("spark.archives", CODE),
            Rule.prefix("spark.submit.", CODE),
            Rule.prefix("spark.driver.", CODE),
            Rule.prefix("spark.executor.", CODE),
            Rule.prefix("spark.repl.", CODE),
            Rule.prefix("spark.python.", CODE),
            Rule.prefix("spark.pyspark.", CODE),
            Rule.prefix("spark.r.", CODE),
            Rule.prefix("spark.connect.", CODE),
            Rule.prefix("spark.sql.connect.", CODE),
            Rule.prefix("spark.sql.artifact.", CODE),
            Rule.suffix("class", CODE),
            Rule.suffix("classes", CODE),
            Rule.suffix("classname", CODE),
            Rule.suffix("impl", CODE),
            Rule.suffix("listeners", CODE),
            Rule.suffix("plugins", CODE),
            Rule.suffix("extensions", CODE),
            Rule.suffix("serializer", CODE),
            Rule.suffix("factory", CODE),
            Rule.prefix("spark.hadoop.", FILES),
            Rule.prefix("fs.", FILES),
            Rule.prefix("hadoop.", FILES),
            Rule.prefix("dfs.", FILES),
            Rule.prefix("mapreduce.", FILES),
            Rule.prefix("mapred.", FILES),
            Rule.prefix("yarn.", FILES),
            Rule.prefix("io.", FILES),
            Rule.exact("spark.sql.caseSensitive", PARSING),
            Rule.prefix("spark.sql.parser.", PARSING),
            Rule.exact("spark.sql.ansi.doubleQuotedIdentifiers", PARSING),
            Rule.exact("spark.sql.ansi.enforceReservedKeywords", PARSING),
            Rule.exact("spark.sql.ansi.relationPrecedence", PARSING),
            Rule.prefix("spark.sql.analyzer.", PARSING),
            Rule.prefix("spark.sql.lateralColumnAlias.", PARSING),
            Rule.exact("spark.sql.groupByAliases", PARSING),
            Rule.exact("spark.sql.selfJoinAutoResolveAmbiguity", PARSING),
            Rule.exact("spark.sql.runSQLOnFiles", PARSING),
            Rule.prefix("spark.sql.scripting.", PARSING),
            Rule.prefix("spark.sql.pipeOperator.", PARSING),
            Rule.legacy(),
            Rule.prefix("spark.sql.variable.substitute", SUBSTITUTION),
            Rule.prefix("spark.lakegate.", GATEWAY),
            Rule.prefix("spark.redaction.", REDACTION),
            Rule.prefix("spark.sql.redaction.", REDACTION),
            Rule.prefix("spark.wap.", DATA_READ),
            Rule.prefix("spark.datasource.", DATA_READ),
            Rule.prefix("spark.sql.timeTravel", DATA_READ),
            Rule.suffix("excludedRules", CHECKS));

    /** Legacy settings known to change only how values are formatted or parsed, never what a name means. */
    private static final Set<String> HARMLESS_LEGACY = Set.of("spark.sql.legacy.timeparserpolicy");

    private final Set<String> exactKeys;
    private final List<String> prefixes;

    private SettingsGuard(Set<String> exactKeys, List<String> prefixes) {
        this.exactKeys = Set.copyOf(exactKeys);
        this.prefixes = List.copyOf(prefixes);
    }

    /**
     * Reads an allow-list: keys separated by commas, each an exact (case-sensitive) key or a prefix ending in
     * {@code *}; blank entries are ignored.
     *
     * @throws IllegalArgumentException for an entry with a {@code *} anywhere but at its end, or with white space
     */
    static SettingsGuard parse(String allowList) {
        Set<String> exact = new LinkedHashSet<>();
        List<String> prefixes = new ArrayList<>();
        for (String entry : allowList.split(",")) {
            String key = entry.strip();
            if (key.isEmpty()) {
                continue;
            }
            int star = key.indexOf('*');
            if ((star >= 0 && star != key.length() - 1) || key.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("'" + key + "' is not a setting key, nor a prefix ending in *");
            }
            if (star >= 0) {
                prefixes.add(key.substring(0, star));
            } else {
                exact.add(key);
            }
        }
        return new SettingsGuard(exact, prefixes);
    }

    /** Whether a restricted user may set and read {@code key}. */
    boolean allows(String key) {
        return refusal(key).isEmpty();
    }

    /** Why a restricted user may not set or read {@code key}; empty when they may. */
    Optional<String> refusal(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (Rule rule : FORBIDDEN) {
            if (rule.matches(lower)) {
                return Optional.of(rule.reason());
            }
        }
        boolean listed = exactKeys.contains(key) || prefixes.stream().anyMatch(key::startsWith);
        return listed ? Optional.empty() : Optional.of(NOT_LISTED);
    }

    /** Refuses, with SQLSTATE 42000, a setting a restricted user may not set (when a session opens, say). */
    void requireSettable(String key, String user) {
        refusal(key).ifPresent(reason -> {
            throw denied("Setting " + key + " is not allowed for user " + user + ": " + reason);
        });
    }

    /**
     * Refuses, with SQLSTATE 42000, a statement of a restricted session that changes or reads a setting it may not,
     * lists all settings, or runs statements the text does not show. {@code type} is the front end's reading: when
     * it sees a SET or RESET that {@link SessionSettings} does not, the statement is refused too.
     */
    void check(String sql, StatementType type, String user) {
        SessionSettings.Reading reading = SessionSettings.read(sql);
        switch (reading.kind()) {
            case NONE -> {
                if (type == StatementType.SET || type == StatementType.RESET) {
                    throw unreadable(user);
                }
            }
            case ASSIGN, TIME_ZONE, RESET_ONE -> requireSettable(reading.key().orElseThrow(), user);
            case SHOW -> {
                String key = reading.key().orElseThrow();
                refusal(key).ifPresent(reason -> {
                    throw denied("Reading setting " + key + " is not allowed for user " + user + ": " + reason);
                });
            }
            case LIST, LIST_VERBOSE -> throw denied("Listing all settings is not allowed for user " + user
                    + "; read an allowed setting with SET <key>");
            case VARIABLE -> throw denied("Session variables (DECLARE, SET VAR) are not allowed for user " + user);
            case RUNS_OTHER_STATEMENTS -> throw denied("EXECUTE IMMEDIATE and SQL scripts are not allowed for user "
                    + user + ": the statements they run cannot be checked");
            case UNREADABLE -> throw unreadable(user);
            case RESET_ALL -> {
                // Everything back to the cluster's own settings, which restricted users may not change anyway.
            }
        }
    }

    private static LakegateException unreadable(String user) {
        return denied("This SET or RESET statement is not understood, and so not allowed for user " + user
                + "; write SET key = value, SET key, RESET key or RESET");
    }

    private static LakegateException denied(String message) {
        return new LakegateException(SqlStates.ACCESS_DENIED, message);
    }

    /** One class of forbidden keys; {@code pattern} is lower case. */
    private record Rule(String pattern, Match match, String reason) {
        enum Match {
            EXACT,
            PREFIX,
            SUFFIX,
            LEGACY
        }

        static Rule exact(String key, String reason) {
            return new Rule(key.toLowerCase(Locale.ROOT), Match.EXACT, reason);
        }

        static Rule prefix(String prefix, String reason) {
            return new Rule(prefix.toLowerCase(Locale.ROOT), Match.PREFIX, reason);
        }

        static Rule suffix(String suffix, String reason) {
            return new Rule(suffix.toLowerCase(Locale.ROOT), Match.SUFFIX, reason);
        }

        /** Spark's legacy settings change parsing and name resolution in many ways (CTE precedence, views, ...). */
        static Rule legacy() {
            return new Rule("spark.sql.legacy.", Match.LEGACY, PARSING);
        }

        boolean matches(String lowerKey) {
            return switch (match) {
                case EXACT -> lowerKey.equals(pattern);
                case PREFIX -> lowerKey.startsWith(pattern);
                case SUFFIX -> lowerKey.endsWith(pattern);
                case LEGACY -> lowerKey.startsWith(pattern) && !HARMLESS_LEGACY.contains(lowerKey);
            };
        }
    }
}
