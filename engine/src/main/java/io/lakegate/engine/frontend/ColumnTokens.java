package io.lakegate.engine.frontend;

import static io.lakegate.engine.frontend.ColumnScope.lower;

import io.lakegate.engine.frontend.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Column use in the parts of a statement that Calcite does not see, read from tokens and over-approximated: every
 * name there that is a column of a relation in scope counts as used.
 */
final class ColumnTokens {
    private ColumnTokens() {}

    /**
     * The clauses hidden from Calcite ({@code LATERAL VIEW}, {@code DISTRIBUTE BY}, ...) inside [from, to): each
     * belongs to the SELECT at its own parenthesis depth that precedes it, or, when that cannot be told, to all.
     */
    static void hiddenClauses(ColumnCollector collector, List<Token> tokens, List<int[]> spans, int from, int to) {
        try {
            readHiddenClauses(collector, tokens, spans, from, to);
        } catch (RuntimeException e) {
            collector.failClosed(e);
        }
    }

    private static void readHiddenClauses(
            ColumnCollector collector, List<Token> tokens, List<int[]> spans, int from, int to) {
        for (int[] span : spans) {
            if (span[0] < from || span[1] > to) {
                continue;
            }
            int first = indexAt(tokens, span[0]);
            List<ColumnScope> scopes = owner(collector, tokens, first);
            int end = lateralViewAliases(tokens, first, span[1]);
            for (int i = first; i < tokens.size() && tokens.get(i).end() <= end; i++) {
                List<String> parts = new ArrayList<>();
                while (i < tokens.size() && isName(tokens.get(i))) {
                    parts.add(lower(tokens.get(i).name()));
                    if (i + 2 < tokens.size() && tokens.get(i + 1).isSymbol(".") && isName(tokens.get(i + 2))) {
                        i += 2;
                    } else {
                        break;
                    }
                }
                if (!parts.isEmpty()) {
                    scopes.forEach(scope -> collector.expressions().hiddenName(parts, scope));
                }
            }
        }
    }

    /**
     * Where the names that may be columns end: in {@code LATERAL VIEW f(args) alias AS columns}, after the
     * generator's arguments, since what follows names what the generator makes.
     */
    private static int lateralViewAliases(List<Token> tokens, int first, int spanEnd) {
        if (!tokens.get(first).isWord("LATERAL")) {
            return spanEnd;
        }
        int open = first;
        while (open < tokens.size() && !tokens.get(open).isSymbol("(")) {
            open++;
        }
        for (int i = open + 1; i < tokens.size() && tokens.get(i).end() <= spanEnd; i++) {
            if (tokens.get(i).isSymbol(")") && tokens.get(i).depth() == tokens.get(open).depth()) {
                return tokens.get(i).end();
            }
        }
        return spanEnd;
    }

    private static List<ColumnScope> owner(ColumnCollector collector, List<Token> tokens, int clause) {
        int depth = tokens.get(clause).depth();
        ColumnScope owner = null;
        int ownerIndex = -1;
        for (Map.Entry<Integer, ColumnScope> select : collector.selects) {
            int index = indexAt(tokens, select.getKey());
            while (index < clause && !tokens.get(index).isWord("SELECT")) {
                index++;
            }
            if (index < clause && tokens.get(index).depth() == depth && index > ownerIndex
                    && sameLevel(tokens, index, clause, depth)) {
                owner = select.getValue();
                ownerIndex = index;
            }
        }
        if (owner != null) {
            return List.of(owner);
        }
        return collector.selects.stream().map(Map.Entry::getValue).toList();
    }

    /** No parenthesis closes between the two tokens, so they are in the same query level. */
    private static boolean sameLevel(List<Token> tokens, int from, int to, int depth) {
        for (int i = from; i < to; i++) {
            if (tokens.get(i).depth() < depth) {
                return false;
            }
        }
        return true;
    }

    /**
     * Spark's MERGE, read from tokens (from {@code MERGE} to the end): the target and a source table use every
     * column they have that the statement names, qualified by their name or unqualified, and all of them with
     * {@code UPDATE SET *} or {@code INSERT *}. A source query was analysed as a query of its own, which uses all the
     * columns it yields.
     */
    static void merge(List<Token> tokens, int first, List<TableReference> found, SchemaResolver schemas,
            ColumnUsage used) {
        try {
            readMerge(tokens, first, found, schemas, used);
        } catch (RuntimeException e) {
            // Fail closed: every column of the MERGE's tables counts as used.
            found.forEach(used::allColumns);
        }
    }

    private static void readMerge(List<Token> tokens, int first, List<TableReference> found, SchemaResolver schemas,
            ColumnUsage used) {
        int using = first;
        while (using < tokens.size() && !(tokens.get(using).isWord("USING") && tokens.get(using).depth() == 0)) {
            using++;
        }
        if (using + 1 >= tokens.size()) {
            return;
        }
        int sourceStart = tokens.get(using + 1).start();
        TableReference target = null;
        TableReference source = null;
        for (TableReference reference : found) {
            if (reference.access() == TableReference.Access.WRITE && target == null) {
                target = reference;
            } else if (reference.start() == sourceStart) {
                source = reference;
            }
        }
        Side targetSide = side(target, aliasBefore(tokens, target, using), schemas, used);
        Optional<String> sourceAlias = source != null ? source.alias() : aliasOfQuery(tokens, using + 1);
        Side sourceSide = side(source, sourceAlias, schemas, used);
        int on = using + 1;
        while (on < tokens.size() && !(tokens.get(on).isWord("ON") && tokens.get(on).depth() == 0)) {
            on++;
        }
        boolean inSet = false;
        boolean inInsertColumns = false;
        for (int i = on; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.depth() == 0 && token.kind() == SqlTokens.Kind.WORD) {
                inSet = token.isWord("SET") || (inSet && !token.isWord("WHEN"));
                inInsertColumns = token.isWord("INSERT");
            }
            if (token.isSymbol("*") && (tokens.get(i - 1).isWord("SET") || tokens.get(i - 1).isWord("INSERT"))) {
                targetSide.all(used);
                sourceSide.all(used);
            } else if (isName(token) && (inInsertColumns && token.depth() == 1 || inSet && isAssigned(tokens, i))) {
                // INSERT (columns) and the left of SET's assignments name the target's columns only.
                targetSide.use(lower(tokens.get(isQualified(tokens, i) ? i + 2 : i).name()), used);
                i += isQualified(tokens, i) ? 2 : 0;
            } else if (isName(token) && !tokens.get(i - 1).isSymbol(".")) {
                String name = lower(token.name());
                boolean qualified = isQualified(tokens, i);
                String column = qualified ? lower(tokens.get(i + 2).name()) : name;
                if (qualified && targetSide.isNamed(name)) {
                    targetSide.use(column, used);
                } else if (qualified && sourceSide.isNamed(name)) {
                    sourceSide.use(column, used);
                } else {
                    targetSide.use(name, used);
                    sourceSide.use(name, used);
                }
            }
        }
    }

    private static boolean isQualified(List<Token> tokens, int i) {
        return i + 2 < tokens.size() && tokens.get(i + 1).isSymbol(".") && isName(tokens.get(i + 2));
    }

    /** {@code SET [t.]name =}: the name after SET or a comma, before an equals sign, at SET's own depth. */
    private static boolean isAssigned(List<Token> tokens, int i) {
        Token before = tokens.get(i - 1);
        int after = isQualified(tokens, i) ? i + 3 : i + 1;
        return (before.isWord("SET") || before.isSymbol(",")) && tokens.get(i).depth() == 0 && after < tokens.size()
                && tokens.get(after).isSymbol("=");
    }

    /** One side of a MERGE; {@code reference} is null for a source query or a temporary view. */
    private record Side(TableReference reference, String name, Optional<List<String>> columns) {
        boolean isNamed(String qualifier) {
            return qualifier.equals(name);
        }

        void use(String column, ColumnUsage used) {
            if (reference != null && columns.map(names -> names.contains(column)).orElse(false)) {
                used.column(reference, column);
            }
        }

        void all(ColumnUsage used) {
            if (reference != null) {
                used.allColumns(reference);
            }
        }
    }

    private static Side side(TableReference reference, Optional<String> alias, SchemaResolver schemas,
            ColumnUsage used) {
        if (reference == null) {
            return new Side(null, alias.map(ColumnScope::lower).orElse(""), Optional.empty());
        }
        Optional<List<String>> columns = schemas.columns(reference.table())
                .map(names -> names.stream().map(ColumnScope::lower).toList());
        used.touch(reference);
        if (columns.isEmpty()) {
            used.allColumns(reference);
        }
        return new Side(reference, lower(alias.orElse(reference.table().table())), columns);
    }

    /** MERGE INTO t [AS] alias USING: the alias between the target's name and USING. */
    private static Optional<String> aliasBefore(List<Token> tokens, TableReference target, int using) {
        if (target == null) {
            return Optional.empty();
        }
        for (int i = using - 1; i > 0 && tokens.get(i).start() >= target.end(); i--) {
            if (isName(tokens.get(i)) && !tokens.get(i).isWord("AS")) {
                return Optional.of(tokens.get(i).name());
            }
        }
        return Optional.empty();
    }

    /** USING (query) [AS] alias ON. */
    private static Optional<String> aliasOfQuery(List<Token> tokens, int open) {
        if (open >= tokens.size() || !tokens.get(open).isSymbol("(")) {
            return Optional.empty();
        }
        int depth = tokens.get(open).depth();
        int i = open + 1;
        while (i < tokens.size() && !(tokens.get(i).isSymbol(")") && tokens.get(i).depth() == depth)) {
            i++;
        }
        i++;
        if (i < tokens.size() && tokens.get(i).isWord("AS")) {
            i++;
        }
        return i < tokens.size() && isName(tokens.get(i)) && !tokens.get(i).isWord("ON")
                ? Optional.of(tokens.get(i).name()) : Optional.empty();
    }

    private static boolean isName(Token token) {
        return token.kind() == SqlTokens.Kind.WORD || token.kind() == SqlTokens.Kind.QUOTED_NAME;
    }

    /** The index of the first token that starts at or after {@code offset}. */
    private static int indexAt(List<Token> tokens, int offset) {
        int low = 0;
        int high = tokens.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (tokens.get(middle).start() < offset) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
