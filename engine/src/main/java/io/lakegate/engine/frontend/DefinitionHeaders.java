package io.lakegate.engine.frontend;

import static io.lakegate.engine.frontend.StatementTokens.QUERY_STARTS;

import io.lakegate.engine.frontend.SqlTokens.Token;
import java.util.Optional;

/**
 * Reads the headers of the statements that define an object or name one: CREATE [OR REPLACE] TABLE|VIEW (a CTAS's or
 * a view's query goes to Calcite), and DROP, ALTER, TRUNCATE, ANALYZE, REFRESH, UNCACHE of one table. Temporary views
 * of the session are no tables: creating or dropping one is noted on the statement, not resolved as a name; a global
 * one is a reference into {@code global_temp}.
 */
final class DefinitionHeaders {
    private final StatementAnalysis statement;
    private final StatementTokens tokens;

    DefinitionHeaders(StatementAnalysis statement) {
        this.statement = statement;
        this.tokens = statement.tokens();
    }

    void create(int first) {
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
        boolean global = next > first + 1 && tokens.list().subList(first + 1, next).stream()
                .anyMatch(token -> token.isWord("GLOBAL"));
        Token object = tokens.token(next);
        if (object.isWord("TABLE")) {
            createTable(next, StatementType.CREATE_TABLE);
        } else if (object.isWord("VIEW")) {
            statement.type = StatementType.CREATE_VIEW;
            int nameStart = tokens.skipIfNotExists(next + 1);
            int afterName;
            if (global) {
                // A global temporary view lives in the global_temp database, shared by the cluster's sessions.
                Token name = tokens.token(nameStart);
                statement.references.add(new TableReference(globalTemporaryView(name.name()), name.start(), name.end(),
                        Optional.empty(), TableReference.Access.WRITE, TableReference.Form.GLOBAL_TEMPORARY_VIEW,
                        ""));
                statement.constructs.add(new Construct(Construct.Kind.GLOBAL_TEMP_VIEW, name.start(), name.end(),
                        statement.normal(name.name())));
                afterName = nameStart + 1;
            } else if (temporary) {
                statement.temporaryView = Optional.of(statement.normal(tokens.token(nameStart).name()));
                afterName = nameStart + 1;
            } else {
                afterName = statement.name(nameStart, TableReference.Access.WRITE);
            }
            if (!parseAfterAs(afterName)) {
                throw new Unreadable("a view without AS query");
            }
            statement.analysed = true;
        } else if (object.isWord("DATABASE") || object.isWord("SCHEMA") || object.isWord("NAMESPACE")) {
            statement.type = StatementType.CREATE_DATABASE;
        } else {
            statement.type = StatementType.OTHER;
        }
    }

    /**
     * [CREATE|REPLACE] TABLE name [(columns)] [clauses] [[AS] query] or ... LIKE source: a CTAS reads its query
     * and writes the table; Spark's grammar makes the AS optional ({@code CREATE TABLE c SELECT ...}, {@code CREATE
     * TABLE c WITH a AS (...) SELECT ...}), so the query starts at whichever comes first at the top level: an AS, or
     * a word that starts a query.
     */
    void createTable(int tableKeyword, StatementType plain) {
        statement.type = plain;
        int afterName = statement.name(tokens.skipIfNotExists(tableKeyword + 1), TableReference.Access.WRITE);
        if (tokens.isWord(afterName, "LIKE")) {
            statement.name(afterName + 1, TableReference.Access.READ);
        } else {
            for (int i = afterName; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                if (token.depth() != 0) {
                    continue;
                }
                if (isQueryAs(i)) {
                    statement.parse(i + 1, tokens.size());
                    statement.type = StatementType.CREATE_TABLE_AS_SELECT;
                    break;
                }
                boolean serdeProperties = token.isWord("WITH") && tokens.isWord(i + 1, "SERDEPROPERTIES");
                if (!serdeProperties && (QUERY_STARTS.contains(token.upper()) || tokens.isParenthesizedQuery(i))) {
                    statement.parse(i, tokens.size());
                    statement.type = StatementType.CREATE_TABLE_AS_SELECT;
                    break;
                }
            }
        }
        statement.analysed = true;
    }

    /** DROP|ALTER|TRUNCATE|ANALYZE|REFRESH|UNCACHE [TABLE|VIEW] [IF EXISTS] name: one named table. */
    void named(int first, StatementType statementType, TableReference.Access access) {
        statement.type = statementType;
        Token object = tokens.token(first + 1);
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
        next = tokens.skipIfExists(next);
        // DROP TABLE drops a temporary view of that name too, as Spark's DROP VIEW does, before any table.
        if (statementType == StatementType.DROP && !object.isWord("MATERIALIZED") && isTemporaryView(next)) {
            statement.temporaryView = Optional.of(statement.normal(tokens.token(next).name()));
            statement.analysed = true;
            return;
        }
        int afterName = statement.name(next, access);
        if (statementType == StatementType.REFRESH || statementType == StatementType.UNCACHE) {
            return;
        }
        for (int i = afterName; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() == SqlTokens.Kind.WORD && (QUERY_STARTS.contains(token.upper())
                    || token.isWord("AS") && token.depth() == 0)) {
                return;
            }
            if (token.isWord("RENAME") && tokens.isWord(i + 1, "TO")) {
                i = statement.name(i + 2, TableReference.Access.WRITE) - 1;
            }
        }
        statement.analysed = true;
    }

    /** A one-part name of one of the session's temporary views, which a DROP VIEW drops first, as Spark does. */
    private boolean isTemporaryView(int index) {
        boolean onePart = index + 1 >= tokens.size() || !tokens.get(index + 1).isSymbol(".");
        return onePart && statement.session().temporaryViews().contains(statement.normal(tokens.token(index).name()));
    }

    /** Parses the query after a top-level AS, if there is one; true if there was. */
    private boolean parseAfterAs(int from) {
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).depth() == 0 && isQueryAs(i)) {
                statement.parse(i + 1, tokens.size());
                return true;
            }
        }
        return false;
    }

    /** An AS that introduces the query: not the one of STORED AS, and not the last token. */
    private boolean isQueryAs(int index) {
        return tokens.get(index).isWord("AS") && index + 1 < tokens.size() && !tokens.isWord(index - 1, "STORED");
    }

    private TableName globalTemporaryView(String name) {
        return new TableName(SessionContext.SESSION_CATALOG, NameResolution.GLOBAL_TEMP_DATABASE, name);
    }
}
