package io.lakegate.engine.frontend;

import static io.lakegate.engine.frontend.StatementTokens.QUERY_STARTS;

import io.lakegate.engine.frontend.SqlTokens.Token;
import java.util.List;
import java.util.Optional;

/**
 * Reads the header of a statement from Spark's tokens: what kind of statement it is and which tables it names outside
 * the queries it holds, which go to Calcite ({@link StatementAnalysis#parse}). Queries, DML, INSERT, MERGE, CACHE,
 * DESCRIBE, SHOW, EXPLAIN and the session statements are read here; the statements that define or name one object
 * (CREATE, DROP, ALTER, ...) by {@link DefinitionHeaders}.
 */
final class StatementHeaders {
    private final StatementAnalysis statement;
    private final StatementTokens tokens;
    private final DefinitionHeaders definitions;

    StatementHeaders(StatementAnalysis statement) {
        this.statement = statement;
        this.tokens = statement.tokens();
        this.definitions = new DefinitionHeaders(statement);
    }

    /** Classifies the statement that starts at token {@code first} and collects its references. */
    void read(int first) {
        Token head = tokens.get(first);
        String keyword = head.kind() == SqlTokens.Kind.WORD ? head.upper() : head.text();
        switch (keyword) {
            case "WITH" -> withClause(first);
            case "SELECT", "VALUES", "TABLE", "FROM", "(" -> {
                statement.type = StatementType.QUERY;
                statement.parse(first, tokens.size());
                statement.analysed = true;
            }
            case "INSERT" -> insert(first);
            case "UPDATE" -> {
                statement.type = StatementType.UPDATE;
                statement.parse(first, tokens.size());
                statement.analysed = true;
            }
            case "DELETE" -> {
                statement.type = StatementType.DELETE;
                statement.parse(first, tokens.size());
                statement.analysed = true;
            }
            case "MERGE" -> merge(first);
            case "CREATE" -> definitions.create(first);
            case "REPLACE" -> definitions.createTable(first + 1, StatementType.CREATE_TABLE);
            case "DROP" -> definitions.named(first, StatementType.DROP, TableReference.Access.WRITE);
            case "ALTER" -> definitions.named(first, StatementType.ALTER, TableReference.Access.WRITE);
            case "TRUNCATE" -> definitions.named(first, StatementType.TRUNCATE, TableReference.Access.WRITE);
            case "ANALYZE" -> definitions.named(first, StatementType.ANALYZE, TableReference.Access.READ);
            case "REFRESH" -> definitions.named(first, StatementType.REFRESH, TableReference.Access.READ);
            case "UNCACHE" -> definitions.named(first, StatementType.UNCACHE, TableReference.Access.READ);
            case "CACHE" -> cache(first);
            case "DESCRIBE", "DESC" -> describe(first);
            case "SHOW" -> show(first);
            case "EXPLAIN" -> explain(first);
            case "USE" -> {
                statement.type = StatementType.USE;
                statement.analysed = true;
            }
            case "SET" -> {
                statement.type = StatementType.SET;
                statement.analysed = !tokens.isWord(first + 1, "VAR") && !tokens.isWord(first + 1, "VARIABLE");
            }
            case "RESET" -> {
                statement.type = StatementType.RESET;
                statement.analysed = true;
            }
            case "CALL" -> statement.type = StatementType.CALL;
            default -> throw new Unreadable("statements starting with " + head.text() + " are not understood");
        }
    }

    /**
     * A query, or {@code WITH ctes INSERT ...}: Spark lets an INSERT follow a WITH clause, whose names its query
     * sees. Calcite reads the WITH clause and the query with the INSERT header between them left out.
     */
    private void withClause(int first) {
        int body = cteListEnd(first);
        if (body >= 0 && tokens.isWord(body, "INSERT")) {
            statement.type = StatementType.INSERT;
            int query = tokens.queryStart(insertTarget(body));
            statement.parse(first, tokens.size(), body, query);
        } else {
            statement.type = StatementType.QUERY;
            statement.parse(first, tokens.size());
        }
        statement.analysed = true;
    }

    /**
     * WITH [RECURSIVE] name [(columns)] [AS] (query) [, ...]: the index of the token after the list, or -1 when
     * the clause is not of that shape (Calcite then reads, or refuses, the statement as a query).
     */
    private int cteListEnd(int with) {
        int next = tokens.isWord(with + 1, "RECURSIVE") ? with + 2 : with + 1;
        while (next < tokens.size() && tokens.get(next).isName()) {
            next++;
            if (next < tokens.size() && tokens.get(next).isSymbol("(") && !tokens.isParenthesizedQuery(next)) {
                next = tokens.closingParenthesis(next) + 1;
            }
            if (tokens.isWord(next, "AS")) {
                next++;
            }
            if (next >= tokens.size() || !tokens.get(next).isSymbol("(")) {
                return -1;
            }
            next = tokens.closingParenthesis(next) + 1;
            if (next < tokens.size() && tokens.get(next).isSymbol(",")) {
                next++;
            } else {
                return next;
            }
        }
        return -1;
    }

    /** INSERT INTO|OVERWRITE [TABLE] name [PARTITION (...)] [(columns)] [BY NAME] query. */
    private void insert(int first) {
        statement.type = StatementType.INSERT;
        statement.parse(tokens.queryStart(insertTarget(first)), tokens.size());
        statement.analysed = true;
    }

    /** Reads the target of the INSERT at {@code first}; returns the index after its name. */
    private int insertTarget(int first) {
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
        return statement.name(next, TableReference.Access.WRITE);
    }

    /**
     * MERGE: Calcite reads the standard form; Spark's own ({@code UPDATE SET *}, {@code INSERT *}) is read from
     * tokens when its conditions hold no query, since then only the target and the source name tables.
     */
    private void merge(int first) {
        statement.type = StatementType.MERGE;
        int referencesBefore = statement.references.size();
        try {
            statement.parse(first, tokens.size());
            statement.analysed = true;
            return;
        } catch (Unreadable e) {
            statement.references.subList(referencesBefore, statement.references.size()).clear();
        }
        int next = first + 1;
        if (tokens.token(next).isWord("INTO")) {
            next++;
        }
        next = tokens.skipAlias(statement.name(next, TableReference.Access.WRITE), "USING");
        if (!tokens.token(next).isWord("USING")) {
            throw new Unreadable("expected USING in MERGE at offset " + tokens.token(next).start());
        }
        next++;
        if (tokens.token(next).isSymbol("(")) {
            int close = tokens.closingParenthesis(next);
            statement.parse(next + 1, close);
            next = close + 1;
        } else {
            int afterName = statement.name(next, TableReference.Access.READ);
            int afterAlias = tokens.skipAlias(afterName, "ON");
            if (afterAlias > afterName) {
                TableReference source = statement.references.remove(statement.references.size() - 1);
                statement.references.add(new TableReference(source.table(), source.start(), source.end(),
                        Optional.of(tokens.get(afterAlias - 1).name()), source.access()));
            }
            next = afterAlias;
        }
        for (int i = next; i < tokens.size(); i++) {
            if (QUERY_STARTS.contains(tokens.get(i).upper()) && tokens.get(i).kind() == SqlTokens.Kind.WORD) {
                throw new Unreadable("a MERGE whose conditions hold a query is not understood");
            }
        }
        List<TableReference> found = statement.references.subList(referencesBefore, statement.references.size());
        ColumnTokens.merge(tokens.list(), first, found, statement.schemas(), statement.columnUsage);
        statement.analysed = true;
    }

    /** CACHE [LAZY] TABLE name [OPTIONS (...)] [[AS] query]. */
    private void cache(int first) {
        statement.type = StatementType.CACHE;
        int next = first + 1;
        if (tokens.token(next).isWord("LAZY")) {
            next++;
        }
        int afterName = statement.name(next + 1, TableReference.Access.READ);
        if (afterName < tokens.size()) {
            statement.parse(tokens.queryStart(afterName), tokens.size());
        }
    }

    /** DESCRIBE [TABLE] [EXTENDED|FORMATTED] name or query, DESCRIBE QUERY query; of other objects, not analysed. */
    private void describe(int first) {
        statement.type = StatementType.DESCRIBE;
        int next = first + 1;
        Token object = tokens.token(next);
        if (object.isWord("DATABASE") || object.isWord("SCHEMA") || object.isWord("NAMESPACE")
                || object.isWord("FUNCTION") || object.isWord("CATALOG")) {
            return;
        }
        if (object.isWord("QUERY")) {
            statement.parse(next + 1, tokens.size());
            statement.analysed = true;
            return;
        }
        while (tokens.token(next).isWord("TABLE") || tokens.token(next).isWord("EXTENDED")
                || tokens.token(next).isWord("FORMATTED")) {
            next++;
        }
        if (QUERY_STARTS.contains(tokens.token(next).upper())) {
            statement.parse(next, tokens.size());
        } else {
            statement.name(next, TableReference.Access.READ);
        }
        statement.analysed = true;
    }

    /** SHOW CREATE TABLE t, SHOW COLUMNS IN|FROM t, SHOW TBLPROPERTIES t, SHOW PARTITIONS t name a table. */
    private void show(int first) {
        statement.type = StatementType.SHOW;
        Token what = tokens.token(first + 1);
        int afterName;
        if (what.isWord("CREATE")) {
            afterName = statement.name(first + 3, TableReference.Access.READ);
        } else if (what.isWord("TBLPROPERTIES") || what.isWord("PARTITIONS")) {
            afterName = statement.name(first + 2, TableReference.Access.READ);
        } else if (what.isWord("COLUMNS")) {
            afterName = statement.name(first + 3, TableReference.Access.READ);
        } else {
            return;
        }
        // SHOW COLUMNS IN t IN db names its database apart; that form is not analysed.
        statement.analysed = !(tokens.isWord(afterName, "IN") || tokens.isWord(afterName, "FROM"));
    }

    /** EXPLAIN [EXTENDED|CODEGEN|COST|FORMATTED] statement: the explained statement's tables are its tables. */
    private void explain(int first) {
        int next = first + 1;
        while (tokens.token(next).isWord("EXTENDED") || tokens.token(next).isWord("CODEGEN")
                || tokens.token(next).isWord("COST") || tokens.token(next).isWord("FORMATTED")
                || tokens.token(next).isWord("LOGICAL")) {
            next++;
        }
        read(next);
        statement.type = StatementType.EXPLAIN;
    }
}
