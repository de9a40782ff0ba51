package io.lakegate.engine.frontend;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
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
 * @param parseFailure why the statement's table references could not be found, when they could not, or why its shape
 *     is not one the front end analyses fully; the statement may still be valid Spark SQL. A reason that starts with
 *     {@code FrontEnd.INTERNAL_ERROR} is an error of the front end itself, to be logged with the statement's id
 * @param views the analysis of the definition of each view the statement reads: its lineage
 * @param columnUse the columns the statement uses of each reference ({@link ColumnUse}): every read reference in a
 *     query or DML statement, and the write targets whose columns it names (UPDATE, DELETE, MERGE; not INSERT, whose
 *     header the front end reads from tokens); keyed by the reference itself, which holds its place in the text.
 *     References that DESCRIBE, SHOW, ANALYZE and the like name have no entry, nor does a statement not understood.
 * @param constructs the forms a policy must decide on that the statement itself holds, in text order; see
 *     {@link #allConstructs()} for those of its views too
 */
public record Analysis(
        String sql,
        StatementType type,
        List<TableReference> references,
        Optional<String> temporaryView,
        Optional<String> parseFailure,
        Map<TableName, Analysis> views,
        Map<TableReference, ColumnUse> columnUse,
        List<Construct> constructs) {
    public Analysis {
        requireNonNull(sql, "sql is null");
        requireNonNull(type, "type is null");
        references = references.stream().sorted(Comparator.comparingInt(TableReference::start)).toList();
        requireNonNull(temporaryView, "temporaryView is null");
        requireNonNull(parseFailure, "parseFailure is null");
        views = Collections.unmodifiableMap(new LinkedHashMap<>(views));
        columnUse = Collections.unmodifiableMap(new LinkedHashMap<>(columnUse));
        constructs = constructs.stream().sorted(Comparator.comparingInt(Construct::start)).toList();
    }

    /** An analysis that knows no column use and found no construct. */
    public Analysis(String sql, StatementType type, List<TableReference> references, Optional<String> temporaryView,
            Optional<String> parseFailure, Map<TableName, Analysis> views) {
        this(sql, type, references, temporaryView, parseFailure, views, Map.of(), List.of());
    }

    /** A copy that knows the definitions of the views it reads. */
    Analysis withViews(Map<TableName, Analysis> expanded) {
        return new Analysis(sql, type, references, temporaryView, parseFailure, expanded, columnUse, constructs);
    }

    /**
     * The constructs of the statement and of the definitions of the views it reads, and theirs in turn; the offsets
     * of a view's constructs are in its own text.
     */
    public List<Construct> allConstructs() {
        List<Construct> all = new ArrayList<>(constructs);
        views.values().forEach(view -> all.addAll(view.allConstructs()));
        return List.copyOf(all);
    }

    /**
     * True when the statement has a shape whose table references the front end analyses fully (queries, INSERT,
     * CTAS, views, MERGE/UPDATE/DELETE, DDL and metadata statements on one named table, USE/SET/RESET, EXPLAIN of
     * such a statement), it was read without failure, and the same holds for the views it reads. Anything else is
     * not understood, and {@link #parseFailure()} says why.
     */
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
                + parseFailure.map(reason -> " unparsed=" + reason).orElse("")
                + (constructs.isEmpty() ? "" : " constructs=" + constructs.stream().map(Construct::kind).distinct()
                        .toList());
    }

    private Set<TableName> tables(TableReference.Access access) {
        Set<TableName> tables = new LinkedHashSet<>();
        references.stream().filter(reference -> reference.access() == access).map(TableReference::table)
                .forEach(tables::add);
        return tables;
    }
}
