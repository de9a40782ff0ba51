package io.lakegate.engine.frontend;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One place where a statement names a table or view.
 *
 * @param table what the name resolves to
 * @param start offset of the name's first character in the statement text
 * @param end offset just after the name's last character (an alias that follows is not part of it)
 * @param alias the alias the statement gives it, if any
 * @param access whether the statement reads the table there or writes it
 */
public record TableReference(TableName table, int start, int end, Optional<String> alias, Access access) {
    public TableReference {
        requireNonNull(table, "table is null");
        requireNonNull(alias, "alias is null");
        requireNonNull(access, "access is null");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("span: [" + start + ", " + end + ") (expected: 0 <= start < end)");
        }
    }

    /** How a statement uses a table it names. */
    public enum Access {
        READ,
        WRITE
    }

    /** The name a reference is known by in its query: its alias, or else its own last part. */
    public String visibleName() {
        return alias.orElse(table.table());
    }
}
