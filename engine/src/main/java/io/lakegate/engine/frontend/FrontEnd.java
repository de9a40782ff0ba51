package io.lakegate.engine.frontend;

import io.lakegate.engine.frontend.SqlTokens.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The statement front end: classifies a Spark SQL statement, parses it with Calcite's Babel parser and resolves each
 * table reference against the session, keeping the exact place of each reference in the text.
 *
 * <p>Calcite parses queries and standard DML; the headers of Spark's own statements (the target of {@code INSERT
 * OVERWRITE TABLE t PARTITION (...)}, the name in {@code CREATE TABLE t USING iceberg ... AS}) are read from tokens,
 * and only the query inside them goes to Calcite. Nothing is printed back: the text sent to Spark is the user's, with
 * chosen references replaced ({@link Analysis#substitute}).
 *
 * <p>This class expands views; one statement's analysis is {@link StatementAnalysis}, which refuses what Spark's lexer
 * would not read ({@link LexicalRefusals}), reads the headers ({@link StatementHeaders}, {@link DefinitionHeaders})
 * and has Calcite parse the queries ({@link QueryParser}).
 */
public final class FrontEnd {
    /** Views nested deeper than this are refused as unreadable; Spark's own limit is 100. */
    private static final int MAX_VIEW_DEPTH = 32;

    private final ViewResolver views;
    private final SchemaResolver schemas;

    /**
     * A front end that expands the views {@code views} knows into the tables they read, and that tells which columns
     * of each reference a statement uses from the schemas {@code schemas} knows.
     */
    public FrontEnd(ViewResolver views, SchemaResolver schemas) {
        this.views = Objects.requireNonNull(views, "views is null");
        this.schemas = Objects.requireNonNull(schemas, "schemas is null");
    }

    /** A front end that expands the views {@code views} knows into the tables they read. */
    public FrontEnd(ViewResolver views) {
        this(views, SchemaResolver.NONE);
    }

    /** A front end that treats every name as a table. */
    public FrontEnd() {
        this(ViewResolver.NONE);
    }

    /**
     * Analyses one statement; never fails: a statement it cannot read comes back with the reason, and so does an
     * error of the front end's own (its reason starts with {@value #INTERNAL_ERROR}), to be logged with the
     * statement's id.
     */
    public Analysis analyze(String sql, SessionContext session) {
        try {
            return expandViews(analyzeText(sql, session), List.of());
        } catch (RuntimeException e) {
            return failed(sql, StatementType.OTHER, List.of(), INTERNAL_ERROR + e);
        }
    }

    /**
     * Whether a statement answers with rows, told from its first word before it runs: queries, SHOW, DESCRIBE,
     * EXPLAIN, SET and LIST do; commands (DDL, DML, USE, ...) answer with none. Clients that run statements
     * asynchronously learn from this, in the operation handle, whether to fetch at all.
     */
    public static boolean returnsRows(String sql) {
        List<Token> tokens = SqlTokens.significant(SqlTokens.of(sql));
        if (tokens.isEmpty()) {
            return false;
        }
        Token first = tokens.get(0);
        return first.isSymbol("(") || first.kind() == SqlTokens.Kind.WORD && ROW_STATEMENTS.contains(first.upper());
    }

    private static final Set<String> ROW_STATEMENTS = Set.of("SELECT", "WITH", "VALUES", "TABLE", "FROM", "SHOW",
            "DESCRIBE", "DESC", "EXPLAIN", "SET", "LIST");

    /** The start of the reason given when the front end itself failed on a statement. */
    public static final String INTERNAL_ERROR = "internal error of the front end: ";

    private Analysis analyzeText(String sql, SessionContext session) {
        List<Token> all = SqlTokens.of(sql);
        List<Token> tokens = LexicalRefusals.withoutTrailingSemicolons(SqlTokens.significant(all));
        List<Construct> constructs = Constructs.find(sql, tokens);
        StatementAnalysis statement = new StatementAnalysis(sql, all, tokens, session, constructs, schemas);
        try {
            return statement.analyze();
        } catch (Unreadable e) {
            return failed(sql, statement.type, statement.constructs, e.getMessage());
        } catch (RuntimeException e) {
            return failed(sql, statement.type, statement.constructs, INTERNAL_ERROR + e);
        }
    }

    private static Analysis failed(String sql, StatementType type, List<Construct> constructs, String reason) {
        return new Analysis(sql, type, List.of(), Optional.empty(), Optional.of(reason), Map.of(), Map.of(),
                constructs);
    }

    /** Analyses the definition of each view the statement reads, and theirs in turn. */
    private Analysis expandViews(Analysis analysis, List<TableName> enclosingViews) {
        Map<TableName, Analysis> expanded = new LinkedHashMap<>();
        for (TableName table : analysis.tablesRead()) {
            views.view(table).ifPresent(view -> {
                Analysis definition = analyzeText(view.sql(), view.context());
                if (enclosingViews.contains(table) || enclosingViews.size() >= MAX_VIEW_DEPTH) {
                    definition = failed(view.sql(), definition.type(), definition.constructs(),
                            "view " + table + " refers to itself or nests too deep");
                } else {
                    List<TableName> path = new ArrayList<>(enclosingViews);
                    path.add(table);
                    definition = expandViews(definition, path);
                }
                expanded.put(table, definition);
            });
        }
        return expanded.isEmpty() ? analysis : analysis.withViews(expanded);
    }
}
