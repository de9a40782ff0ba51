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
    private static final Set<String> SPARK_CATALOGS = Set.of("spark_catalog");

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

    /** Analyses one statement; never fails: a statement it cannot read comes back with the reason. */
    public Analysis analyze(String sql, SessionContext session) {
        return expandViews(analyzeText(sql, session), List.of());
    }

    private Analysis analyzeText(String sql, SessionContext session) {
        List<Token> tokens = significant(SqlTokens.of(sql));
        StatementAnalysis statement = new StatementAnalysis(sql, tokens, session, schemas);
        try {
            return statement.analyze();
        } catch (Unreadable e) {
            return new Analysis(sql, statement.type, List.of(), Optional.empty(), Optional.of(e.getMessage()),
                    Map.of());
        }
    }

    /** Analyses the definition of each view the statement reads, and theirs in turn. */
    private Analysis expandViews(Analysis analysis, List<TableName> enclosingViews) {
        Map<TableName, Analysis> expanded = new LinkedHashMap<>();
        for (TableName table : analysis.tablesRead()) {
            views.view(table).ifPresent(view -> {
                Analysis definition = analyzeText(view.sql(), view.context());
                if (enclosingViews.contains(table) || enclosingViews.size() >= MAX_VIEW_DEPTH) {
                    definition = new Analysis(view.sql(), definition.type(), List.of(), Optional.empty(),
                            Optional.of("view " + table + " refers to itself or nests too deep"), Map.of());
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
        private final List<Token> tokens;
        private final SessionContext session;
        private final List<TableReference> references = new ArrayList<>();
        private final List<int[]> sparkOnlyClauses;
        private final SchemaResolver schemas;
        private final ColumnUsage columnUsage = new ColumnUsage();
        private StatementType type = StatementType.OTHER;
        private Optional<String> temporaryView = Optional.empty();

        StatementAnalysis(String sql, List<Token> tokens, SessionContext session, SchemaResolver schemas) {
            this.sql = sql;
            this.tokens = tokens;
            this.session = session;
            this.sparkOnlyClauses = SparkOnlyClauses.find(tokens);
            this.schemas = schemas;
        }

        Analysis analyze() {
            if (tokens.isEmpty()) {
                throw new Unreadable("the statement is empty");
            }
            analyzeFrom(0);
            return new Analysis(sql, type, references, temporaryView, Optional.empty(), Map.of(),
                    columnUsage.toMap());
        }

        /** Classifies the statement that starts at token {@code first} and collects its references. */
        private void analyzeFrom(int first) {
            Token head = tokens.get(first);
            String keyword = head.kind() == SqlTokens.Kind.WORD ? head.upper() : head.text();
            switch (keyword) {
                case "SELECT", "WITH", "VALUES", "TABLE", "FROM", "(" -> {
                    type = StatementType.QUERY;
                    parse(first, tokens.size());
                }
                case "INSERT" -> insert(first);
                case "UPDATE" -> {
                    type = StatementType.UPDATE;
                    parse(first, tokens.size());
                }
                case "DELETE" -> {
                    type = StatementType.DELETE;
                    parse(first, tokens.size());
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
                case "USE" -> type = StatementType.USE;
                case "SET" -> type = StatementType.SET;
                case "RESET" -> type = StatementType.RESET;
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
            Token object = token(next);
            if (object.isWord("TABLE")) {
                createTable(next, StatementType.CREATE_TABLE);
            } else if (object.isWord("VIEW")) {
                type = StatementType.CREATE_VIEW;
                int nameStart = skipIfNotExists(next + 1);
                int afterName;
                if (temporary) {
                    temporaryView = Optional.of(token(nameStart).name().toLowerCase(Locale.ROOT));
                    afterName = nameStart + 1;
                } else {
                    afterName = name(nameStart, TableReference.Access.WRITE);
                }
                parseAfterAs(afterName);
            } else if (object.isWord("DATABASE") || object.isWord("SCHEMA") || object.isWord("NAMESPACE")) {
                type = StatementType.CREATE_DATABASE;
            } else {
                type = StatementType.OTHER;
            }
        }

        /** [CREATE|REPLACE] TABLE name ... [AS query]: a CTAS reads its query and writes the table. */
        private void createTable(int tableKeyword, StatementType plain) {
            type = plain;
            int afterName = name(skipIfNotExists(tableKeyword + 1), TableReference.Access.WRITE);
            if (parseAfterAs(afterName)) {
                type = StatementType.CREATE_TABLE_AS_SELECT;
            }
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
        }

        /** SHOW CREATE TABLE t, SHOW COLUMNS IN|FROM t, SHOW TBLPROPERTIES t, SHOW PARTITIONS t name a table. */
        private void show(int first) {
            type = StatementType.SHOW;
            Token what = token(first + 1);
            if (what.isWord("CREATE")) {
                name(first + 3, TableReference.Access.READ);
            } else if (what.isWord("TBLPROPERTIES") || what.isWord("PARTITIONS")) {
                name(first + 2, TableReference.Access.READ);
            } else if (what.isWord("COLUMNS")) {
                name(first + 3, TableReference.Access.READ);
            }
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
            if (statementType == StatementType.DROP && object.isWord("VIEW") && isTemporaryView(next)) {
                temporaryView = Optional.of(token(next).name().toLowerCase(Locale.ROOT));
                return;
            }
            name(next, access);
        }

        /** A one-part name of one of the session's temporary views, which a DROP VIEW drops first, as Spark does. */
        private boolean isTemporaryView(int index) {
            boolean onePart = index + 1 >= tokens.size() || !tokens.get(index + 1).isSymbol(".");
            return onePart && session.temporaryViews().contains(token(index).name().toLowerCase(Locale.ROOT));
        }

        /** Parses the query after a top-level AS, if there is one; true if there was. */
        private boolean parseAfterAs(int from) {
            for (int i = from; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                if (token.depth() == 0 && token.isWord("AS") && i + 1 < tokens.size()) {
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
            String text = forCalcite(start, tokens.get(to - 1).end());
            SqlNode node;
            try {
                node = SqlParser.create(text, PARSER).parseStmt();
            } catch (SqlParseException e) {
                throw new Unreadable(firstLine(e.getMessage()));
            }
            TextPositions positions = new TextPositions(text, start);
            int referencesBefore = references.size();
            for (ReferenceCollector.Found found : ReferenceCollector.collect(node, positions)) {
                add(found.names(), found.start(), found.end(), found.alias(), found.access());
            }
            ColumnCollector columns = ColumnCollector.collect(node, positions,
                    references.subList(referencesBefore, references.size()), schemas, columnUsage);
            ColumnTokens.hiddenClauses(columns, tokens, sparkOnlyClauses, start, tokens.get(to - 1).end());
        }

        private void add(
                List<String> parts, int start, int end, Optional<String> alias, TableReference.Access access) {
            resolve(parts).ifPresent(table -> references.add(new TableReference(table, start, end, alias, access)));
        }

        /**
         * Resolves a name as Spark does: one part is a table of the current database (unless it is a temporary view);
         * two are database and table in the current catalog; with more, the first is a catalog only if it is one.
         */
        private Optional<TableName> resolve(List<String> parts) {
            String last = parts.get(parts.size() - 1);
            if (parts.size() == 1) {
                return session.temporaryViews().contains(last.toLowerCase(Locale.ROOT))
                        ? Optional.empty()
                        : Optional.of(new TableName(session.catalog(), session.database(), last));
            }
            String first = parts.get(0);
            boolean catalogFirst = parts.size() > 2 && (first.equalsIgnoreCase(session.catalog())
                    || SPARK_CATALOGS.contains(first.toLowerCase(Locale.ROOT)));
            String catalog = catalogFirst ? first : session.catalog();
            List<String> namespace = parts.subList(catalogFirst ? 1 : 0, parts.size() - 1);
            return Optional.of(new TableName(catalog, String.join(".", namespace), last));
        }

        /**
         * The text between two offsets as Calcite can read it: each doubled back quote inside a back-quoted name
         * written as Calcite's escape (two characters for two), and the clauses only Spark knows, which name no
         * table, blanked out. Every offset stays where it was.
         */
        private String forCalcite(int start, int end) {
            StringBuilder text = new StringBuilder(sql.substring(start, end));
            for (Token token : tokens) {
                if (token.kind() == SqlTokens.Kind.QUOTED_NAME && token.start() >= start && token.end() <= end) {
                    for (int i = token.start() + 1; i < token.end() - 2; i++) {
                        if (sql.charAt(i) == '`' && sql.charAt(i + 1) == '`') {
                            text.setCharAt(i - start, '\\');
                            i++;
                        }
                    }
                }
            }
            for (int[] span : sparkOnlyClauses) {
                for (int i = Math.max(span[0], start); i < Math.min(span[1], end); i++) {
                    text.setCharAt(i - start, ' ');
                }
            }
            return text.toString();
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
