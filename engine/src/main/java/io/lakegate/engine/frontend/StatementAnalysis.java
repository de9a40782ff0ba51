package io.lakegate.engine.frontend;

import io.lakegate.engine.frontend.SqlTokens.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The analysis of one statement: refuses what Spark would not read, lets the {@link StatementHeaders} classify it and
 * find its references, and gathers what they found. The header readers record into it as they read, so its findings
 * are package-private fields rather than a result built at the end.
 */
final class StatementAnalysis {
    private final String sql;
    private final List<Token> allTokens;
    private final StatementTokens tokens;
    private final SessionContext session;
    private final List<int[]> sparkOnlyClauses;
    private final SchemaResolver schemas;
    final List<TableReference> references = new ArrayList<>();
    final List<Construct> constructs;
    final ColumnUsage columnUsage = new ColumnUsage();
    StatementType type = StatementType.OTHER;
    Optional<String> temporaryView = Optional.empty();
    /** Set by each statement shape whose references are all found; every other shape is not understood. */
    boolean analysed;
    private QueryParser parser;

    StatementAnalysis(
            String sql, List<Token> allTokens, List<Token> tokens, SessionContext session,
            List<Construct> constructs, SchemaResolver schemas) {
        this.sql = sql;
        this.allTokens = allTokens;
        this.tokens = new StatementTokens(tokens);
        this.session = session;
        this.constructs = new ArrayList<>(constructs);
        this.sparkOnlyClauses = SparkOnlyClauses.find(tokens);
        this.schemas = schemas;
    }

    Analysis analyze() {
        if (tokens.isEmpty()) {
            throw new Unreadable("the statement is empty");
        }
        LexicalRefusals.check(sql, allTokens, tokens.list());
        parser = new QueryParser(sql, NeutralText.of(sql, allTokens, sparkOnlyClauses, constructs), tokens,
                session.caseSensitive());
        new StatementHeaders(this).read(0);
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

    StatementTokens tokens() {
        return tokens;
    }

    SessionContext session() {
        return session;
    }

    SchemaResolver schemas() {
        return schemas;
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
            int end = SparkOnlyClauses.timeTravelEnd(tokens.list(), i);
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

    /** Parses tokens [from, to) with Calcite and records the table references it finds and the columns they use. */
    void parse(int from, int to) {
        parse(from, to, from, from);
    }

    /** Parses tokens [from, to) as {@link #parse(int, int)} does, with the header [hideFrom, hideTo) left out. */
    void parse(int from, int to, int hideFrom, int hideTo) {
        QueryParser.Parsed parsed = parser.parse(from, to, hideFrom, hideTo);
        int referencesBefore = references.size();
        for (ReferenceCollector.Found reference : parsed.found()) {
            add(reference.names(), reference.start(), reference.end(), reference.alias(), reference.access());
        }
        ColumnCollector columns = ColumnCollector.collect(parsed.node(), parsed.positions(),
                references.subList(referencesBefore, references.size()), schemas, columnUsage);
        ColumnTokens.hiddenClauses(columns, tokens.list(), sparkOnlyClauses, parsed.start(), parsed.end());
    }

    /** Reads a dotted table name starting at {@code index}, records it, and returns the index after it. */
    int name(int index, TableReference.Access access) {
        List<String> parts = new ArrayList<>();
        int next = index;
        Token first = tokens.token(next);
        while (true) {
            Token part = tokens.token(next);
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

    private void add(List<String> parts, int start, int end, Optional<String> alias, TableReference.Access access) {
        NameResolution.resolve(parts, session).ifPresent(resolved -> {
            references.add(new TableReference(resolved.table(), start, end, alias, access, resolved.form(),
                    resolved.selector()));
            resolved.construct().ifPresent(kind -> constructs.add(new Construct(kind, start, end,
                    resolved.selector())));
        });
    }

    /** A temporary view's or CTE's name as Spark's resolver compares it. */
    String normal(String name) {
        return session.caseSensitive() ? name : name.toLowerCase(Locale.ROOT);
    }
}
