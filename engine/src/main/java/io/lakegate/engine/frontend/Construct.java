package io.lakegate.engine.frontend;

import static java.util.Objects.requireNonNull;

/**
 * A form of Spark SQL that a policy must decide on instead of passing it silently: it reads data by other means than
 * a table name, changes what a name means, or runs SQL the front end does not see.
 *
 * @param kind what the form is
 * @param start offset of its first character in the statement text
 * @param end offset just after it
 * @param detail what it names, lower case where Spark ignores case: the function, the metadata table, the format,
 *     the hint's text; empty when there is nothing to add
 */
public record Construct(Kind kind, int start, int end, String detail) {
    public Construct {
        requireNonNull(kind, "kind is null");
        requireNonNull(detail, "detail is null");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("span: [" + start + ", " + end + ") (expected: 0 <= start <= end)");
        }
    }

    /** The forms. */
    public enum Kind {
        /** A function in FROM that returns a table ({@code range(10)}, {@code explode(...)}); detail: its name. */
        TABLE_FUNCTION,
        /** {@code FROM t SELECT ...}. */
        FROM_FIRST,
        /** {@code FROM VALUES ...} or {@code JOIN VALUES ...}. */
        FROM_VALUES,
        TABLESAMPLE,
        PIVOT,
        UNPIVOT,
        /**
         * {@code VERSION|TIMESTAMP AS OF}, {@code FOR SYSTEM_TIME|SYSTEM_VERSION AS OF}, Iceberg's {@code t.branch_x}.
         */
        TIME_TRAVEL,
        /** An Iceberg metadata table ({@code db.t.snapshots}); detail: its name. */
        METADATA_TABLE,
        /** A query over files ({@code parquet.`/path`}); detail: the format. */
        FILE_PATH,
        /** A path given to a statement: {@code OPTIONS (path ...)}, {@code LOCATION}, {@code DIRECTORY}, ... */
        FILE_OPTIONS,
        /** Functions and columns that expose files: {@code input_file_name()}, {@code _metadata}, {@code _file}. */
        FILE_METADATA,
        /** SQL the text does not show: {@code IDENTIFIER(...)}, variables, {@code EXECUTE IMMEDIATE}, scripts, ... */
        DYNAMIC_SQL,
        /** {@code CREATE [TEMPORARY] FUNCTION}. */
        USER_FUNCTION,
        /** {@code reflect}, {@code java_method}, {@code try_reflect}. */
        REFLECTION,
        /** {@code CACHE TABLE x AS query}: a name that stands for a query from then on. */
        CACHE_AS,
        /** A global temporary view is created or named ({@code global_temp.v}). */
        GLOBAL_TEMP_VIEW,
        /** More than one statement in one text. */
        MULTIPLE_STATEMENTS,
        /** A back-quoted name that {@code spark.sql.parser.quotedRegexColumnNames} would read as a regex. */
        REGEX_COLUMN,
        /** {@code /*+ ... *}{@code /}; detail: the hint's text. */
        HINT
    }
}
