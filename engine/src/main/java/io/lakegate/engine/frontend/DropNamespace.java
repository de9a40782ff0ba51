package io.lakegate.engine.frontend;

import io.lakegate.engine.frontend.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code DROP DATABASE|SCHEMA|NAMESPACE [IF EXISTS] name [RESTRICT|CASCADE]}, read as Spark's grammar reads it.
 *
 * @param name the namespace as written, its catalog included if the statement names one
 */
public record DropNamespace(List<String> name, boolean cascade) {
    public DropNamespace {
        name = List.copyOf(name);
    }

    /** The drop the statement asks for; empty when it is no namespace drop or not one Lakegate reads. */
    public static Optional<DropNamespace> parse(String sql) {
        List<Token> tokens = SqlTokens.plainStatement(sql).orElse(List.of());
        if (tokens.size() < 3 || !tokens.get(0).isWord("DROP") || !(tokens.get(1).isWord("DATABASE")
                || tokens.get(1).isWord("SCHEMA") || tokens.get(1).isWord("NAMESPACE"))) {
            return Optional.empty();
        }
        int next = 2;
        if (tokens.get(next).isWord("IF") && next + 1 < tokens.size() && tokens.get(next + 1).isWord("EXISTS")) {
            next += 2;
        }
        List<String> parts = new ArrayList<>();
        next = SqlTokens.dottedName(tokens, next, parts);
        boolean cascade = next < tokens.size() && tokens.get(next).isWord("CASCADE");
        if (cascade || next < tokens.size() && tokens.get(next).isWord("RESTRICT")) {
            next++;
        }
        if (parts.isEmpty() || next != tokens.size()) {
            return Optional.empty();
        }
        return Optional.of(new DropNamespace(parts, cascade));
    }
}
