package io.lakegate.engine.frontend;

import io.lakegate.engine.frontend.Construct.Kind;
import io.lakegate.engine.frontend.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the {@link Construct}s of a statement in its tokens. It reads tokens, not a tree, so that forms Calcite cannot
 * parse are reported too; a name that only looks like one of them ({@code pivot} as a column) is reported only where
 * Spark's grammar would read the form (a parenthesis after it, say).
 */
final class Constructs {
    private static final Set<String> FILE_FUNCTIONS = Set.of("input_file_name", "input_file_block_start",
            "input_file_block_length");
    /** Spark's {@code _metadata} and Iceberg's metadata columns. */
    private static final Set<String> FILE_COLUMNS = Set.of("_metadata", "_file", "_pos", "_spec_id", "_partition",
            "_deleted", "_change_type", "_change_ordinal", "_commit_snapshot_id", "_row_id",
            "_last_updated_sequence_number", "_tmp_metadata_row_index");
    private static final Set<String> REFLECTION = Set.of("reflect", "java_method", "try_reflect");
    private static final Set<String> FROM_ITEM_ENDS = Set.of("WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET",
            "UNION", "INTERSECT", "EXCEPT", "MINUS", "WINDOW", "QUALIFY", "SELECT", "DISTRIBUTE", "SORT", "CLUSTER",
            "INSERT");
    private static final Set<String> SET_OPERATORS = Set.of("UNION", "INTERSECT", "EXCEPT", "MINUS", "ALL",
            "DISTINCT");
    private static final String REGEX_CHARACTERS = "()[]{}*+?|^$\\";

    private final String sql;
    private final List<Token> tokens;
    private final List<Construct> found = new ArrayList<>();

    private Constructs(String sql, List<Token> tokens) {
        this.sql = sql;
        this.tokens = tokens;
    }

    /** The constructs of a statement, given its significant tokens (a trailing semicolon removed). */
    static List<Construct> find(String sql, List<Token> tokens) {
        Constructs constructs = new Constructs(sql, tokens);
        constructs.scan();
        return constructs.found;
    }

    private void scan() {
        int variable = sql.indexOf("${");
        if (variable >= 0) {
            found.add(new Construct(Kind.DYNAMIC_SQL, variable, Math.max(variable + 2, sql.indexOf('}', variable) + 1),
                    "variable substitution"));
        }
        statementStart(0);
        boolean[] fromItemStart = new boolean[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.isWord("FROM") || token.isWord("JOIN")) {
                markFromItems(i, fromItemStart);
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            String lower = token.name().toLowerCase(Locale.ROOT);
            boolean call = isSymbol(i + 1, "(");
            if (token.isSymbol(";") && i + 1 < tokens.size()) {
                add(Kind.MULTIPLE_STATEMENTS, token, tokens.get(tokens.size() - 1), "");
                statementStart(i + 1);
            } else if (token.kind() == SqlTokens.Kind.HINT_START) {
                int end = i;
                while (end + 1 < tokens.size() && tokens.get(end).kind() != SqlTokens.Kind.HINT_END) {
                    end++;
                }
                add(Kind.HINT, token, tokens.get(end), sql.substring(token.start(), tokens.get(end).end()));
            } else if (token.isSymbol("|>")) {
                add(Kind.DYNAMIC_SQL, token, token, "pipe syntax");
            } else if (fromItemStart[i] && token.isSymbol("(") && isWord(i + 1, "VALUES")) {
                add(Kind.FROM_VALUES, token, tokens.get(i + 1), "");
            } else if (token.kind() == SqlTokens.Kind.WORD) {
                word(i, token, lower, call, fromItemStart[i]);
            } else if (token.kind() == SqlTokens.Kind.QUOTED_NAME) {
                if (FILE_COLUMNS.contains(lower)) {
                    add(Kind.FILE_METADATA, token, token, lower);
                }
                if (lower.chars().anyMatch(c -> REGEX_CHARACTERS.indexOf(c) >= 0)) {
                    add(Kind.REGEX_COLUMN, token, token, token.name());
                }
            }
        }
    }

    private void word(int i, Token token, String lower, boolean call, boolean fromItem) {
        if (fromItem && call && !token.isWord("VALUES") && !token.isWord("LATERAL")
                && !token.isWord("TABLE") && !isSymbol(i - 1, ".")) {
            add(Kind.TABLE_FUNCTION, token, tokens.get(i), lower);
        } else if (fromItem && isSymbol(i + 1, ".") && isName(i + 2) && isSymbol(i + 3, "(")) {
            add(Kind.TABLE_FUNCTION, token, tokens.get(i + 2), lower + "." + tokens.get(i + 2).name()
                    .toLowerCase(Locale.ROOT));
        }
        if (fromItem && token.isWord("VALUES")) {
            add(Kind.FROM_VALUES, token, token, "");
        }
        if (token.isWord("FROM") && isQueryStart(i)) {
            add(Kind.FROM_FIRST, token, token, "");
        }
        if (token.isWord("TABLESAMPLE")) {
            add(Kind.TABLESAMPLE, token, token, "");
        } else if (token.isWord("PIVOT") && call) {
            add(Kind.PIVOT, token, token, "");
        } else if (token.isWord("UNPIVOT") && (call || isWord(i + 1, "INCLUDE") || isWord(i + 1, "EXCLUDE"))) {
            add(Kind.UNPIVOT, token, token, "");
        } else if ((token.isWord("VERSION") || token.isWord("TIMESTAMP") || token.isWord("SYSTEM_TIME")
                || token.isWord("SYSTEM_VERSION")) && isWord(i + 1, "AS") && isWord(i + 2, "OF")) {
            add(Kind.TIME_TRAVEL, isWord(i - 1, "FOR") ? tokens.get(i - 1) : token, tokens.get(i + 2), lower);
        } else if (FILE_FUNCTIONS.contains(lower) && call) {
            add(Kind.FILE_METADATA, token, token, lower);
        } else if (FILE_COLUMNS.contains(lower)) {
            add(Kind.FILE_METADATA, token, token, lower);
        } else if (REFLECTION.contains(lower) && call) {
            add(Kind.REFLECTION, token, token, lower);
        } else if (token.isWord("IDENTIFIER") && call) {
            add(Kind.DYNAMIC_SQL, token, token, "identifier");
        } else if (token.isWord("EXECUTE") && isWord(i + 1, "IMMEDIATE")) {
            add(Kind.DYNAMIC_SQL, token, tokens.get(i + 1), "execute immediate");
        } else if (token.isWord("SESSION") && isSymbol(i + 1, ".") && isName(i + 2) && !isSymbol(i - 1, ".")
                || token.isWord("SYSTEM") && isSymbol(i + 1, ".") && isWord(i + 2, "SESSION")
                        && isSymbol(i + 3, ".")) {
            add(Kind.DYNAMIC_SQL, token, token, "session variable");
        } else if (token.isWord("LOCATION") && i + 1 < tokens.size()
                && tokens.get(i + 1).kind() == SqlTokens.Kind.STRING) {
            add(Kind.FILE_OPTIONS, token, tokens.get(i + 1), "location");
        } else if (token.isWord("OPTIONS") && call && hasPathOption(i + 1)) {
            add(Kind.FILE_OPTIONS, token, token, "options path");
        } else if (token.isWord("DIRECTORY") && (isWord(i - 1, "OVERWRITE") || isWord(i - 1, "LOCAL"))) {
            add(Kind.FILE_OPTIONS, token, token, "directory");
        } else if (token.isWord("INPATH")) {
            add(Kind.FILE_OPTIONS, token, token, "inpath");
        }
    }

    /** Statement-level forms at the statement that starts at token {@code first}. */
    private void statementStart(int first) {
        int i = first;
        if (isName(i) && isSymbol(i + 1, ":") && isWord(i + 2, "BEGIN")) {
            i += 2;
        }
        if (isWord(i, "BEGIN") || isWord(i, "DECLARE") || isWord(i, "FOR") && !isWord(i + 1, "SYSTEM_TIME")
                || isWord(i, "WHILE") || isWord(i, "REPEAT") || isWord(i, "LOOP") || isWord(i, "IF")
                || isWord(i, "CASE")) {
            add(Kind.DYNAMIC_SQL, tokens.get(i), tokens.get(i), tokens.get(i).name().toLowerCase(Locale.ROOT));
        } else if (isWord(i, "SET") && (isWord(i + 1, "VAR") || isWord(i + 1, "VARIABLE"))) {
            add(Kind.DYNAMIC_SQL, tokens.get(i), tokens.get(i + 1), "set variable");
        } else if (isWord(i, "CREATE")) {
            int next = i + 1;
            while (isWord(next, "OR") || isWord(next, "REPLACE") || isWord(next, "TEMPORARY")
                    || isWord(next, "TEMP")) {
                next++;
            }
            if (isWord(next, "FUNCTION")) {
                add(Kind.USER_FUNCTION, tokens.get(i), tokens.get(next), "");
            }
        } else if (isWord(i, "CACHE")) {
            for (int next = i + 1; next < tokens.size() && !tokens.get(next).isSymbol(";"); next++) {
                Token token = tokens.get(next);
                if (token.depth() == 0 && (token.isWord("AS") || token.isWord("SELECT") || token.isWord("WITH")
                        || token.isWord("FROM") || token.isWord("VALUES") || token.isSymbol("(")
                                && next > i + 3 && !isWord(next - 1, "OPTIONS"))) {
                    add(Kind.CACHE_AS, tokens.get(i), token, "");
                    break;
                }
            }
        }
    }

    /** Marks the first token of each item of the FROM clause (or JOIN) at token {@code keyword}. */
    private void markFromItems(int keyword, boolean[] itemStart) {
        int depth = tokens.get(keyword).depth();
        if (keyword + 1 < tokens.size()) {
            itemStart[keyword + 1] = true;
        }
        if (tokens.get(keyword).isWord("JOIN")) {
            return;
        }
        for (int i = keyword + 1; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.depth() < depth || token.depth() == depth && (token.isSymbol(";")
                    || token.kind() == SqlTokens.Kind.WORD && FROM_ITEM_ENDS.contains(token.upper()))) {
                return;
            }
            if (token.depth() == depth && token.isSymbol(",") && i + 1 < tokens.size()) {
                itemStart[i + 1] = true;
            }
        }
    }

    /** A FROM that begins a query: at the start, after an opening parenthesis or a set operator, or after a CTE. */
    private boolean isQueryStart(int index) {
        if (index == 0 || isSymbol(index - 1, "(") || isSymbol(index - 1, ";")) {
            return true;
        }
        Token previous = tokens.get(index - 1);
        return previous.kind() == SqlTokens.Kind.WORD && SET_OPERATORS.contains(previous.upper())
                || previous.isSymbol(")") && closesQueryAfterAs(index - 1);
    }

    /** Whether the parenthesis at {@code close} ends {@code AS (query)}: a CTE's definition. */
    private boolean closesQueryAfterAs(int close) {
        for (int i = close - 1; i >= 0; i--) {
            Token token = tokens.get(i);
            if (token.isSymbol("(") && token.depth() == tokens.get(close).depth()) {
                return isWord(i - 1, "AS") && (isWord(i + 1, "SELECT") || isWord(i + 1, "WITH")
                        || isWord(i + 1, "VALUES") || isWord(i + 1, "FROM") || isWord(i + 1, "TABLE")
                        || isSymbol(i + 1, "("));
            }
        }
        return false;
    }

    private boolean hasPathOption(int open) {
        int depth = tokens.get(open).depth();
        for (int i = open + 1; i < tokens.size() && tokens.get(i).depth() > depth; i++) {
            Token token = tokens.get(i);
            if ((token.isName() || token.kind() == SqlTokens.Kind.STRING) && token.depth() == depth + 1
                    && stripQuotes(token).equalsIgnoreCase("path")) {
                return true;
            }
        }
        return false;
    }

    private static String stripQuotes(Token token) {
        return token.kind() == SqlTokens.Kind.STRING ? token.text().substring(1, token.text().length() - 1)
                : token.name();
    }

    private void add(Kind kind, Token first, Token last, String detail) {
        found.add(new Construct(kind, first.start(), last.end(), detail));
    }

    private boolean isSymbol(int index, String symbol) {
        return index >= 0 && index < tokens.size() && tokens.get(index).isSymbol(symbol);
    }

    private boolean isWord(int index, String word) {
        return index >= 0 && index < tokens.size() && tokens.get(index).isWord(word);
    }

    private boolean isName(int index) {
        return index >= 0 && index < tokens.size() && tokens.get(index).isName();
    }
}
