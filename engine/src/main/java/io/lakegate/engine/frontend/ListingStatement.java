package io.lakegate.engine.frontend;

import static java.util.Objects.requireNonNull;

import io.lakegate.engine.frontend.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code SHOW DATABASES|SCHEMAS|NAMESPACES [LIKE] 'pattern'} and {@code SHOW TABLES|VIEWS [FROM|IN db] [LIKE]
 * 'pattern'}, read as Spark's grammar reads them: listings that the gateway can answer from the catalog as a user may
 * see it.
 *
 * @param database the database to list, as written; empty for the session's current one
 * @param pattern Spark's listing pattern ({@code *} for any characters, {@code |} between alternatives)
 */
public record ListingStatement(Kind kind, Optional<List<String>> database, Optional<String> pattern) {
    public ListingStatement {
        requireNonNull(kind, "kind is null");
        database = database.map(List::copyOf);
        requireNonNull(pattern, "pattern is null");
    }

    /** What is listed. */
    public enum Kind {
        DATABASES,
        TABLES,
        VIEWS
    }

    /** The listing the statement asks for; empty when it is no listing of this kind or not one Lakegate reads. */
    public static Optional<ListingStatement> parse(String sql) {
        List<Token> tokens = SqlTokens.plainStatement(sql).orElse(List.of());
        if (tokens.size() < 2 || !tokens.get(0).isWord("SHOW")) {
            return Optional.empty();
        }
        Token what = tokens.get(1);
        Kind kind;
        if (what.isWord("DATABASES") || what.isWord("SCHEMAS") || what.isWord("NAMESPACES")) {
            kind = Kind.DATABASES;
        } else if (what.isWord("TABLES")) {
            kind = Kind.TABLES;
        } else if (what.isWord("VIEWS")) {
            kind = Kind.VIEWS;
        } else {
            return Optional.empty();
        }
        int next = 2;
        Optional<List<String>> database = Optional.empty();
        if (next < tokens.size() && (tokens.get(next).isWord("FROM") || tokens.get(next).isWord("IN"))) {
            List<String> parts = new ArrayList<>();
            next = SqlTokens.dottedName(tokens, next + 1, parts);
            if (parts.isEmpty()) {
                return Optional.empty();
            }
            database = Optional.of(parts);
        }
        if (next < tokens.size() && tokens.get(next).isWord("LIKE")) {
            next++;
        }
        Optional<String> pattern = Optional.empty();
        if (next < tokens.size()) {
            Token literal = tokens.get(next);
            String text = literal.text();
            if (literal.kind() != SqlTokens.Kind.STRING || literal.isRawString() || text.indexOf('\\') >= 0
                    || text.length() < 2 || next + 1 != tokens.size()) {
                return Optional.empty();
            }
            String body = text.substring(1, text.length() - 1);
            if (body.indexOf(text.charAt(0)) >= 0) {
                return Optional.empty();
            }
            pattern = Optional.of(body);
        }
        return Optional.of(new ListingStatement(kind, database, pattern));
    }
}
