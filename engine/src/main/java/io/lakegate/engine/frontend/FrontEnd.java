package io.lakegate.engine.frontend;

import io.lakegate.engine.frontend.SqlTokens.Token;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.config.CharLiteralStyle;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * The statement front end: classifies a Spark SQL statement, parses it with Calcite's Babel parser and resolves each
 * table reference against the session, keeping the exact place of each reference in the text.
 *
 * <p>Calcite parses queries and standard DML; the headers of Spark's own statements (the target of {@code INSERT
 * OVERWRITE TABLE t PARTITION (...)}, the name in {@code CREATE TABLE t USING iceberg ... AS}) are read from tokens,
 * and only the query inside them goes to Calcite. Nothing is printed back: the text sent to Spark is the user's, with
 * chosen references replaced ({@link Analysis#substitute}).
 */
public final class FrontEnd {
    /**
     * Spark SQL's lexical rules: back-quoted names, case kept as written, strings in either quote with backslash
     * escapes. Calcite accepts those strings only with BigQuery's quoting, whose back-quoted names escape with a
     * backslash where Spark doubles the back quote; {@link #forCalcite} bridges that.
     */
    private static final SqlParser.Config PARSER = SqlParser.config()
            .withParserFactory(SqlBabelParserImpl.FACTORY)
            .withQuoting(Quoting.BACK_TICK_BACKSLASH)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false)
            .withConformance(SqlConformanceEnum.BABEL)
            .withCharLiteralStyles(EnumSet.of(CharLiteralStyle.BQ_SINGLE, CharLiteralStyle.BQ_DOUBLE));

    private static final Set<String> QUERY_STARTS = Set.of("SELECT", "WITH", "VALUES", "TABLE", "FROM");

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

    /** The start of the reason given when the front end itself failed on a statement. */
    public static final String INTERNAL_ERROR = "internal error of the front end: ";

    private Analysis analyzeText(String sql, SessionContext session) {
        List<Token> all = SqlTokens.of(sql);
        List<Token> tokens = significant(SqlTokens.significant(all));
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

    /** A trailing semicolon ends the statement; Spark accepts it, Calcite does not. */
    private static List<Token> significant(List<Token> tokens) {
        int end = tokens.size();
        while (end > 0 && tokens.get(end - 1).isSymbol(";")) {
            end--;
        }
        return tokens.subList(0, end);
    }

    /** The analysis of one statement. */
    private static final class StatementAnalysis {
        private final String sql;
        private final List<Token> allTokens;
        private final List<Token> tokens;
        private final SessionContext session;
        private final List<TableReference> references = new ArrayList<>();
        private final List<Construct> constructs;
        private final List<int[]> sparkOnlyClauses;
        private final SchemaResolver schemas;
        private final ColumnUsage columnUsage = new ColumnUsage();
        private StatementType type = StatementType.OTHER;
        private Optional<String> temporaryView = Optional.empty();
        /** Set by each statement shape whose references are all found; every other shape is not understood. */
        private boolean analysed;
        private String neutral;

        StatementAnalysis(
                String sql, List<Token> allTokens, List<Token> tokens, SessionContext session,
                List<Construct> constructs, SchemaResolver schemas) {
            this.sql = sql;
            this.allTokens = allTokens;
            this.tokens = tokens;
            this.session = session;
            this.constructs = new ArrayList<>(constructs);
            this.sparkOnlyClauses = SparkOnlyClauses.find(tokens);
            this.schemas = schemas;
        }

        Analysis analyze() {
            if (tokens.isEmpty()) {
                throw new Unreadable("the statement is empty");
            }
            for (Token token : allTokens) {
                if (token.kind() == SqlTokens.Kind.UNRECOGNIZED) {
                    throw new Unreadable("Spark's lexer accepts no '" + token.text() + "' at offset " + token.start());
                }
                if (token.kind() == SqlTokens.Kind.UNCLOSED_COMMENT) {
                    throw new Unreadable("unclosed bracketed comment at offset " + token.start());
                }
            }
            boolean inHint = false;
            Token previous = null;
            for (Token token : tokens) {
                if (token.isSymbol(";")) {
                    throw new Unreadable("more than one statement: a ';' at offset " + token.start());
                }
                // Spark's parser refuses these; Calcite would read '//' as a comment and '*/' alone as text.
                if (token.isSymbol("/") && previous != null && previous.isSymbol("/")
                        && previous.end() == token.start() || token.kind() == SqlTokens.Kind.HINT_END && !inHint) {
                    throw new Unreadable("Spark reads no '" + sql.substring(token.start() - 1, token.end())
                            + "' at offset " + token.start());
                }
                previous = token;
                inHint = token.kind() == SqlTokens.Kind.HINT_START || inHint && token.kind() != SqlTokens.Kind.HINT_END;
                // Spark's parser reads a hint's parameters as expressions: a query there must not pass unseen.
                if (inHint && token.kind() == SqlTokens.Kind.WORD && QUERY_STARTS.contains(token.upper())) {
                    throw new Unreadable("a hint holds a query at offset " + token.start());
                }
            }
            neutral = NeutralText.of(sql, allTokens, sparkOnlyClauses, constructs);
            analyzeFrom(0);
            markTimeTravel();
            for (Construct construct : constructs) {
                if (construct.kind() == Construct.Kind.DYNAMIC_SQL && construct.detail().equals("identifier")) {
                    throw new Unreadable("IDENTIFIER(...) at offset " + construct.start() + " names objects at run "
                            + "time");
                }
            }
            Optional<String> failure = analysed ? Optional.empty()
                    : Optional.of("statements of this shape (" + type + ") are not analysed fully");
            return new Analysis(sql, type, references, temporaryView, failure, Map.of(), columnUse(), constructs);
        }

        /**
         * The column use of each reference as it stands now: marking time travel replaced some references by
         * copies with another form, which keep their place in the text.
         */
        private Map<TableReference, ColumnUse> columnUse() {
            Map<TableReference, ColumnUse> bySpan = columnUsage.toMap();
            Map<TableReference, ColumnUse> current = new LinkedHashMap<>();
            for (TableReference reference : references) {
                bySpan.forEach((used, use) -> {
                    if (used.start() == reference.start() && used.end() == reference.end()) {
                        current.put(reference, use);
                    }
                });
            }
            return current;
        }

        /** A reference that a time travel clause follows reads that version: its form says so. */
        private void markTimeTravel() {
            for (int i = 1; i < tokens.size(); i++) {
                int end = SparkOnlyClauses.timeTravelEnd(tokens, i);
                if (end == i) {
                    continue;
                }
                int nameEnd = tokens.get(i - 1).end();
                String clause = sql.substring(tokens.get(i).start(), tokens.get(end - 1).end());
                references.replaceAll(reference -> reference.end() == nameEnd
                        ? new TableReference(reference.table(), reference.start(), reference.end(), reference.alias(),
                                reference.access(), TableReference.Form.TIME_TRAVEL, clause)
                        : reference);
            }
        }

        /** Classifies the statement that starts at token {@code first} and collects its references. */
        private void analyzeFrom(int first) {
            Token head = tokens.get(first);
            String keyword = head.kind() == SqlTokens.Kind.WORD ? head.upper() : head.text();
            switch (keyword) {
                case "SELECT", "WITH", "VALUES", "TABLE", "FROM", "(" -> {
                    type = StatementType.QUERY;
                    parse(first, tokens.size());
                    analysed = true;
                }
                case "INSERT" -> insert(first);
                case "UPDATE" -> {
                    type = StatementType.UPDATE;
                    parse(first, tokens.size());
                    analysed = true;
                }
                case "DELETE" -> {
                    type = StatementType.DELETE;
                    parse(first, tokens.size());
                    analysed = true;
                }
                case "MERGE" -> merge(first);
                case "CREATE" -> create(first);
                case "REPLACE" -> createTable(first + 1, StatementType.CREATE_TABLE);
                case "DROP" -> named(first, StatementType.DROP, TableReference.Access.WRITE);
                case "ALTER" -> named(first, StatementType.ALTER, TableReference.Access.WRITE);
                case "TRUNCATE" -> named(first, StatementType.TRUNCATE, TableReference.Access.WRITE);
                case "ANALYZE" -> named(first, StatementType.ANALYZE, TableReference.Access.READ);
                case "REFRESH" -> named(first, StatementType.REFRESH, TableReference.Access.READ);
                case "UNCACHE" -> named(first, StatementType.UNCACHE, TableReference.Access.READ);
                case "CACHE" -> cache(first);
                case "DESCRIBE", "DESC" -> describe(first);
                case "SHOW" -> show(first);
                case "EXPLAIN" -> explain(first);
                case "USE" -> {
                    type = StatementType.USE;
                    analysed = true;
                }
                case "SET" -> {
                    type = StatementType.SET;
                    analysed = !token(first + 1, "VAR") && !token(first + 1, "VARIABLE");
                }
                case "RESET" -> {
                    type = StatementType.RESET;
                    analysed = true;
                }
                case "CALL" -> type = StatementType.CALL;
                default -> throw new Unreadable("statements starting with " + head.text() + " are not understood");
            }
        }

        /** INSERT INTO|OVERWRITE [TABLE] name [PARTITION (...)] [(columns)] [BY NAME] query. */
        private void insert(int first) {
            type = StatementType.INSERT;
            int next = first + 1;
            if (next < tokens.size() && (tokens.get(next).isWord("INTO") || tokens.get(next).isWord("OVERWRITE"))) {
                next++;
            }
            if (next < tokens.size() && tokens.get(next).isWord("TABLE")) {
                next++;
            }
            if (next < tokens.size() && tokens.get(next).isWord("DIRECTORY")) {
                throw new Unreadable("INSERT OVERWRITE DIRECTORY writes files, not tables");
            }
            int afterName = name(next, TableReference.Access.WRITE);
            parse(queryStart(afterName), tokens.size());
            analysed = true;
        }

        /**
         * MERGE: Calcite reads the standard form; Spark's own ({@code UPDATE SET *}, {@code INSERT *}) is read from
         * tokens when its conditions hold no query, since then only the target and the source name tables.
         */
        private void merge(int first) {
            type = StatementType.MERGE;
            int referencesBefore = references.size();
            try {
                parse(first, tokens.size());
                analysed = true;
                return;
            } catch (Unreadable e) {
                references.subList(referencesBefore, references.size()).clear();
            }
            int next = first + 1;
            if (token(next).isWord("INTO")) {
                next++;
            }
            next = skipAlias(name(next, TableReference.Access.WRITE), "USING");
            if (!token(next).isWord("USING")) {
                throw new Unreadable("expected USING in MERGE at offset " + token(next).start());
            }
            next++;
            if (token(next).isSymbol("(")) {
                int close = closingParenthesis(next);
                parse(next + 1, close);
                next = close + 1;
            } else {
                int afterName = name(next, TableReference.Access.READ);
                int afterAlias = skipAlias(afterName, "ON");
                if (afterAlias > afterName) {
                    TableReference source = references.remove(references.size() - 1);
                    references.add(new TableReference(source.table(), source.start(), source.end(),
                            Optional.of(tokens.get(afterAlias - 1).name()), source.access()));
                }
                next = afterAlias;
            }
            for (int i = next; i < tokens.size(); i++) {
                if (QUERY_STARTS.contains(tokens.get(i).upper()) && tokens.get(i).kind() == SqlTokens.Kind.WORD) {
                    throw new Unreadable("a MERGE whose conditions hold a query is not understood");
                }
            }
            ColumnTokens.merge(tokens, first, references.subList(referencesBefore, references.size()), schemas,
                    columnUsage);
            analysed = true;
        }

        /** Skips [AS] alias, unless the next word is {@code stop}; returns the index after it. */
        private int skipAlias(int index, String stop) {
            int next = index;
            if (next < tokens.size() && tokens.get(next).isWord("AS")) {
                next++;
            }
            if (next < tokens.size() && !tokens.get(next).isWord(stop)
                    && (tokens.get(next).kind() == SqlTokens.Kind.WORD
                            || tokens.get(next).kind() == SqlTokens.Kind.QUOTED_NAME)) {
                return next + 1;
            }
            return index;
        }

        private int closingParenthesis(int open) {
            int depth = tokens.get(open).depth();
            for (int i = open + 1; i < tokens.size(); i++) {
                if (tokens.get(i).isSymbol(")") && tokens.get(i).depth() == depth) {
                    return i;
                }
            }
            throw new Unreadable("unbalanced parentheses");
        }

        private void create(int first) {
            int next = first + 1;
            if (next + 1 < tokens.size() && tokens.get(next).isWord("OR") && tokens.get(next + 1).isWord("REPLACE")) {
                next += 2;
            }
            boolean temporary = false;
            while (next < tokens.size() && (tokens.get(next).isWord("TEMPORARY") || tokens.get(next).isWord("TEMP")
                    || tokens.get(next).isWord("GLOBAL") || tokens.get(next).isWord("EXTERNAL"))) {
                temporary |= !tokens.get(next).isWord("EXTERNAL");
                next++;
            }
            boolean global = next > first + 1 && tokens.subList(first + 1, next).stream()
                    .anyMatch(token -> token.isWord("GLOBAL"));
            Token object = token(next);
            if (object.isWord("TABLE")) {
                createTable(next, StatementType.CREATE_TABLE);
            } else if (object.isWord("VIEW")) {
                type = StatementType.CREATE_VIEW;
                int nameStart = skipIfNotExists(next + 1);
                int afterName;
                if (global) {
                    // A global temporary view lives in the global_temp database, shared by the cluster's sessions.
                    Token name = token(nameStart);
                    references.add(new TableReference(globalTemporaryView(name.name()), name.start(), name.end(),
                            Optional.empty(), TableReference.Access.WRITE, TableReference.Form.GLOBAL_TEMPORARY_VIEW,
                            ""));
                    constructs.add(new Construct(Construct.Kind.GLOBAL_TEMP_VIEW, name.start(), name.end(),
                            normal(name.name())));
                    afterName = nameStart + 1;
                } else if (temporary) {
                    temporaryView = Optional.of(normal(token(nameStart).name()));
                    afterName = nameStart + 1;
                } else {
                    afterName = name(nameStart, TableReference.Access.WRITE);
                }
                if (!parseAfterAs(afterName)) {
                    throw new Unreadable("a view without AS query");
                }
                analysed = true;
            } else if (object.isWord("DATABASE") || object.isWord("SCHEMA") || object.isWord("NAMESPACE")) {
                type = StatementType.CREATE_DATABASE;
            } else {
                type = StatementType.OTHER;
            }
        }

        /**
         * [CREATE|REPLACE] TABLE name [(columns)] [clauses] [[AS] query] or ... LIKE source: a CTAS reads its query
         * and writes the table; Spark's grammar makes the AS optional ({@code CREATE TABLE c SELECT ...}).
         */
        private void createTable(int tableKeyword, StatementType plain) {
            type = plain;
            int afterName = name(skipIfNotExists(tableKeyword + 1), TableReference.Access.WRITE);
            if (token(afterName, "LIKE")) {
                name(afterName + 1, TableReference.Access.READ);
            } else if (parseAfterAs(afterName)) {
                type = StatementType.CREATE_TABLE_AS_SELECT;
            } else {
                for (int i = afterName; i < tokens.size(); i++) {
                    Token token = tokens.get(i);
                    if (token.depth() == 0 && (token.isWord("SELECT") || token.isWord("WITH")
                            || token.isWord("VALUES") || token.isWord("FROM") || token.isWord("TABLE")
                            || isParenthesizedQuery(i))) {
                        parse(i, tokens.size());
                        type = StatementType.CREATE_TABLE_AS_SELECT;
                        break;
                    }
                }
            }
            analysed = true;
        }

        /** CACHE [LAZY] TABLE name [OPTIONS (...)] [[AS] query]. */
        private void cache(int first) {
            type = StatementType.CACHE;
            int next = first + 1;
            if (token(next).isWord("LAZY")) {
                next++;
            }
            int afterName = name(next + 1, TableReference.Access.READ);
            if (afterName < tokens.size()) {
                parse(queryStart(afterName), tokens.size());
            }
        }

        private void describe(int first) {
            type = StatementType.DESCRIBE;
            int next = first + 1;
            if (token(next).isWord("DATABASE") || token(next).isWord("SCHEMA") || token(next).isWord("NAMESPACE")
                    || token(next).isWord("FUNCTION") || token(next).isWord("CATALOG")) {
                return;
            }
            if (token(next).isWord("QUERY")) {
                parse(next + 1, tokens.size());
                analysed = true;
                return;
            }
            while (token(next).isWord("TABLE") || token(next).isWord("EXTENDED") || token(next).isWord("FORMATTED")) {
                next++;
            }
            if (QUERY_STARTS.contains(token(next).upper())) {
                parse(next, tokens.size());
            } else {
                name(next, TableReference.Access.READ);
            }
            analysed = true;
        }

        /** SHOW CREATE TABLE t, SHOW COLUMNS IN|FROM t, SHOW TBLPROPERTIES t, SHOW PARTITIONS t name a table. */
        private void show(int first) {
            type = StatementType.SHOW;
            Token what = token(first + 1);
            int afterName;
            if (what.isWord("CREATE")) {
                afterName = name(first + 3, TableReference.Access.READ);
            } else if (what.isWord("TBLPROPERTIES") || what.isWord("PARTITIONS")) {
                afterName = name(first + 2, TableReference.Access.READ);
            } else if (what.isWord("COLUMNS")) {
                afterName = name(first + 3, TableReference.Access.READ);
            } else {
                return;
            }
            // SHOW COLUMNS IN t IN db names its database apart; that form is not analysed.
            analysed = !(token(afterName, "IN") || token(afterName, "FROM"));
        }

        /** EXPLAIN [EXTENDED|CODEGEN|COST|FORMATTED] statement: the explained statement's tables are its tables. */
        private void explain(int first) {
            int next = first + 1;
            while (token(next).isWord("EXTENDED") || token(next).isWord("CODEGEN") || token(next).isWord("COST")
                    || token(next).isWord("FORMATTED") || token(next).isWord("LOGICAL")) {
                next++;
            }
            analyzeFrom(next);
            type = StatementType.EXPLAIN;
        }

        /** DROP|ALTER|TRUNCATE|ANALYZE|REFRESH|UNCACHE [TABLE|VIEW] [IF EXISTS] name: one named table. */
        private void named(int first, StatementType statementType, TableReference.Access access) {
            type = statementType;
            Token object = token(first + 1);
            if (object.isWord("DATABASE") || object.isWord("SCHEMA") || object.isWord("NAMESPACE")
                    || object.isWord("FUNCTION") || object.isWord("TEMPORARY")) {
                return;
            }
            int next = first + 1;
            if (object.isWord("TABLE") || object.isWord("VIEW") || object.isWord("MATERIALIZED")) {
                next++;
            }
            if (statementType == StatementType.REFRESH && object.kind() == SqlTokens.Kind.STRING) {
                return;
            }
            next = skipIfExists(next);
            // DROP TABLE drops a temporary view of that name too, as Spark's DROP VIEW does, before any table.
            if (statementType == StatementType.DROP && !object.isWord("MATERIALIZED") && isTemporaryView(next)) {
                temporaryView = Optional.of(normal(token(next).name()));
                analysed = true;
                return;
            }
            int afterName = name(next, access);
            if (statementType == StatementType.REFRESH || statementType == StatementType.UNCACHE) {
                return;
            }
            for (int i = afterName; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                if (token.kind() == SqlTokens.Kind.WORD && (QUERY_STARTS.contains(token.upper())
                        || token.isWord("AS") && token.depth() == 0)) {
                    return;
                }
                if (token.isWord("RENAME") && token(i + 1, "TO")) {
                    i = name(i + 2, TableReference.Access.WRITE) - 1;
                }
            }
            analysed = true;
        }

        /** A one-part name of one of the session's temporary views, which a DROP VIEW drops first, as Spark does. */
        private boolean isTemporaryView(int index) {
            boolean onePart = index + 1 >= tokens.size() || !tokens.get(index + 1).isSymbol(".");
            return onePart && session.temporaryViews().contains(normal(token(index).name()));
        }

        /** A temporary view's or CTE's name as Spark's resolver compares it. */
        private String normal(String name) {
            return session.caseSensitive() ? name : name.toLowerCase(Locale.ROOT);
        }

        private boolean token(int index, String word) {
            return index < tokens.size() && tokens.get(index).isWord(word);
        }

        /** Parses the query after a top-level AS (not STORED AS), if there is one; true if there was. */
        private boolean parseAfterAs(int from) {
            for (int i = from; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                if (token.depth() == 0 && token.isWord("AS") && i + 1 < tokens.size()
                        && !tokens.get(i - 1).isWord("STORED")) {
                    parse(i + 1, tokens.size());
                    return true;
                }
            }
            return false;
        }

        /** The first token of the query that follows a statement header (partition spec, column list, BY NAME). */
        private int queryStart(int from) {
            for (int i = from; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                if (token.depth() == 0 && (QUERY_STARTS.contains(token.upper()) || isParenthesizedQuery(i))) {
                    return i;
                }
            }
            throw new Unreadable("no query found after the statement's target");
        }

        private boolean isParenthesizedQuery(int index) {
            int next = index;
            while (next < tokens.size() && tokens.get(next).isSymbol("(")) {
                next++;
            }
            return next > index && next < tokens.size() && QUERY_STARTS.contains(tokens.get(next).upper());
        }

        /** Reads a dotted table name starting at {@code index}, records it, and returns the index after it. */
        private int name(int index, TableReference.Access access) {
            List<String> parts = new ArrayList<>();
            int next = index;
            Token first = token(next);
            while (true) {
                Token part = token(next);
                if (part.kind() != SqlTokens.Kind.WORD && part.kind() != SqlTokens.Kind.QUOTED_NAME) {
                    throw new Unreadable("expected a table name at offset " + part.start());
                }
                parts.add(part.name());
                next++;
                if (next < tokens.size() && tokens.get(next).isSymbol(".")) {
                    next++;
                } else {
                    break;
                }
            }
            add(parts, first.start(), tokens.get(next - 1).end(), Optional.empty(), access);
            return next;
        }

        private int skipIfNotExists(int index) {
            if (token(index).isWord("IF") && token(index + 1).isWord("NOT") && token(index + 2).isWord("EXISTS")) {
                return index + 3;
            }
            return index;
        }

        private int skipIfExists(int index) {
            if (token(index).isWord("IF") && token(index + 1).isWord("EXISTS")) {
                return index + 2;
            }
            return index;
        }

        /** Parses tokens [from, to) with Calcite and records the table references it finds. */
        private void parse(int from, int to) {
            if (from >= to) {
                throw new Unreadable("the statement has no query where one was expected");
            }
            int start = tokens.get(from).start();
            String text = neutral.substring(start, tokens.get(to - 1).end());
            SqlNode node;
            try {
                node = SqlParser.create(text, PARSER).parseStmt();
            } catch (SqlParseException e) {
                throw new Unreadable(firstLine(e.getMessage()));
            }
            TextPositions positions = new TextPositions(text, start);
            List<ReferenceCollector.Found> found;
            try {
                found = ReferenceCollector.collect(node, positions, this::nameParts, session.caseSensitive());
            } catch (ReferenceCollector.Unsupported e) {
                throw new Unreadable(e.getMessage());
            }
            int referencesBefore = references.size();
            for (ReferenceCollector.Found reference : found) {
                add(reference.names(), reference.start(), reference.end(), reference.alias(), reference.access());
            }
            ColumnCollector columns = ColumnCollector.collect(node, positions,
                    references.subList(referencesBefore, references.size()), schemas, columnUsage);
            ColumnTokens.hiddenClauses(columns, tokens, sparkOnlyClauses, start, tokens.get(to - 1).end());
        }

        /**
         * The parts of the dotted name that spans exactly [start, end) of Spark's tokens, read from the tokens: a
         * name Calcite reads as one (a hyphen inside it, say) is refused rather than given a wrong span.
         */
        private List<String> nameParts(int start, int end, int expectedParts) {
            int index = firstTokenAt(start);
            List<String> parts = new ArrayList<>();
            while (index < tokens.size() && tokens.get(index).isName()) {
                parts.add(tokens.get(index).name());
                if (tokens.get(index).end() == end) {
                    if (parts.size() != expectedParts) {
                        break;
                    }
                    return parts;
                }
                if (index + 1 >= tokens.size() || !tokens.get(index + 1).isSymbol(".")
                        || tokens.get(index + 1).end() >= end) {
                    break;
                }
                index += 2;
            }
            throw new Unreadable("the name at offset " + start + " does not fall on Spark's tokens: "
                    + sql.substring(start, Math.min(Math.max(start, end), sql.length())));
        }

        private int firstTokenAt(int offset) {
            int low = 0;
            int high = tokens.size() - 1;
            while (low <= high) {
                int middle = (low + high) >>> 1;
                int tokenStart = tokens.get(middle).start();
                if (tokenStart == offset) {
                    return middle;
                } else if (tokenStart < offset) {
                    low = middle + 1;
                } else {
                    high = middle - 1;
                }
            }
            return tokens.size();
        }

        private void add(
                List<String> parts, int start, int end, Optional<String> alias, TableReference.Access access) {
            NameResolution.resolve(parts, session).ifPresent(resolved -> {
                references.add(new TableReference(resolved.table(), start, end, alias, access, resolved.form(),
                        resolved.selector()));
                resolved.construct().ifPresent(kind -> constructs.add(new Construct(kind, start, end,
                        resolved.selector())));
            });
        }

        private TableName globalTemporaryView(String name) {
            return new TableName(SessionContext.SESSION_CATALOG, NameResolution.GLOBAL_TEMP_DATABASE, name);
        }

        private Token token(int index) {
            if (index >= tokens.size()) {
                throw new Unreadable("the statement ends too early");
            }
            return tokens.get(index);
        }

        private static String firstLine(String message) {
            int newline = message.indexOf('\n');
            return newline < 0 ? message : message.substring(0, newline);
        }
    }

    /** The front end cannot read a statement; the message says why, for the log. */
    private static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }
}
