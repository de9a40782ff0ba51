package io.lakegate.engine.frontend;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the front end found in one statement: its type and every table reference with its exact place in the text.
 *
 * @param sql the statement as the user wrote it
 * @param references every table or view the statement names, in text order
 * @param temporaryView the session's temporary view that the statement creates ({@link StatementType#CREATE_VIEW})
 *     or drops ({@link StatementType#DROP}), lower case; temporary views are no catalog objects
 * @param parseFailure why the statement's table references could not be found, when they could not; the statement
 *     may still be valid Spark SQL that the front end does not understand
 * @param views the analysis of the definition of each view the statement reads: its lineage
 * @param columnUse the columns the statement uses of each reference ({@link ColumnUse}): every read reference in a
 *     query or DML statement, and the write targets whose columns it names (UPDATE, DELETE, MERGE; not INSERT, whose
 *     header the front end reads from tokens); keyed by the reference itself, which holds its place in the text.
 *     References that DESCRIBE, SHOW, ANALYZE and the like name have no entry, nor does a statement not understood.
 */
public record Analysis(
        String sql,
        StatementType type,
        List<TableReference> references,
        Optional<String> temporaryView,
        Optional<String> parseFailure,
        Map<TableName, Analysis> views,
        Map<TableReference, ColumnUse> columnUse) {
    public Analysis {
        requireNonNull(sql, "sql is null");
        requireNonNull(type, "type is null");
        references = references.stream().sorted(Comparator.comparingInt(TableReference::start)).toList();
        requireNonNull(temporaryView, "temporaryView is null");
        requireNonNull(parseFailure, "parseFailure is null");
        views = Collections.unmodifiableMap(new LinkedHashMap<>(views));
        columnUse = Collections.unmodifiableMap(new LinkedHashMap<>(columnUse));
    }

    /** An analysis that knows no column use. */
    public Analysis(String sql, StatementType type, List<TableReference> references, Optional<String> temporaryView,
            Optional<String> parseFailure, Map<TableName, Analysis> views) {
        this(sql, type, references, temporaryView, parseFailure, views, Map.of());
    }

    /** A copy that knows the definitions of the views it reads. */
    Analysis withViews(Map<TableName, Analysis> expanded) {
        return new Analysis(sql, type, references, temporaryView, parseFailure, expanded, columnUse);
    }

    /** True when the front end knows every table the statement names, through its views too. */
    public boolean isUnderstood() {
        return parseFailure.isEmpty() && views.values().stream().allMatch(Analysis::isUnderstood);
    }

    /** The tables the statement reads in the end: those it names that are no views, and those its views read. */
    public Set<TableName> baseTablesRead() {
        Set<TableName> tables = new LinkedHashSet<>();
        for (TableName table : tablesRead()) {
            Analysis view = views.get(table);
            if (view == null) {
                tables.add(table);
            } else {
                tables.addAll(view.baseTablesRead());
            }
        }
        return tables;
    }

    public Set<TableName> tablesRead() {
        return tables(TableReference.Access.READ);
    }

    public Set<TableName> tablesWritten() {
        return tables(TableReference.Access.WRITE);
    }

    /**
     * The statement with chosen references replaced by other text, everything else kept byte for byte, so that Spark
     * syntax the front end does not print survives.
     *
     * @param replacement the text for a reference, or empty to keep it as written
     */
    public String substitute(Function<TableReference, Optional<String>> replacement) {
        StringBuilder text = new StringBuilder(sql.length() + 64);
        int copied = 0;
        for (TableReference reference : references) {
            Optional<String> substitute = replacement.apply(reference);
            if (substitute.isPresent()) {
                text.append(sql, copied, reference.start()).append(substitute.get());
                copied = reference.end();
            }
        }
        return text.append(sql, copied, sql.length()).toString();
    }

    /** One line for the statement's log entry. */
    public String summary() {
        return "type=" + type + " read=" + tablesRead() + " written=" + tablesWritten()
                + (views.isEmpty() ? "" : " throughViews=" + baseTablesRead())
                + temporaryView.map(view -> " temporaryView=" + view).orElse("")
                + parseFailure.map(reason -> " unparsed=" + reason).orElse("");
    }

    private Set<TableName> tables(TableReference.Access access) {
        Set<TableName> tables = new LinkedHashSet<>();
        references.stream().filter(reference -> reference.access() == access).map(TableReference::table)
                .forEach(tables::add);
        return tables;
    }
}
