package io.lakegate.engine.frontend;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One place where a statement names a table or view.
 *
 * @param table what the name resolves to; for a metadata table or a branch, the table it belongs to
 * @param start offset of the name's first character in the statement text
 * @param end offset just after the name's last character (an alias that follows is not part of it)
 * @param alias the alias the statement gives it, if any
 * @param access whether the statement reads the table there or writes it
 * @param form how the name reaches the table: plainly, or through a metadata table, a branch or tag, ...
 * @param selector what the form selects, lower case for metadata tables: {@code snapshots}, {@code branch_x}, a
 *     clause as written ({@code VERSION AS OF 3}), the file format of a path; empty for {@link Form#TABLE}
 */
public record TableReference(
        TableName table, int start, int end, Optional<String> alias, Access access, Form form, String selector) {
    public TableReference {
        requireNonNull(table, "table is null");
        requireNonNull(alias, "alias is null");
        requireNonNull(access, "access is null");
        requireNonNull(form, "form is null");
        requireNonNull(selector, "selector is null");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("span: [" + start + ", " + end + ") (expected: 0 <= start < end)");
        }
    }

    /** A plain reference to a table or view. */
    public TableReference(TableName table, int start, int end, Optional<String> alias, Access access) {
        this(table, start, end, alias, access, Form.TABLE, "");
    }

    /** How a statement uses a table it names. */
    public enum Access {
        READ,
        WRITE
    }

    /** How a name reaches its table. */
    public enum Form {
        /** The table or view itself. */
        TABLE,
        /** An Iceberg metadata table of the table ({@code db.t.snapshots}), or its changelog ({@code db.t.changes}). */
        METADATA_TABLE,
        /** A branch, tag, snapshot or point in time of the table ({@code db.t.branch_x}, {@code db.t.tag_x}). */
        TIME_TRAVEL,
        /** A global temporary view ({@code global_temp.v}) if one exists, which Spark looks up before any table. */
        GLOBAL_TEMPORARY_VIEW,
        /** Possibly the files at a path ({@code parquet.`/p`}), when the first part is a data source's name. */
        FILE_PATH
    }

    /** The name a reference is known by in its query: its alias, or else the last part of the name as resolved. */
    public String visibleName() {
        return alias.orElse(form == Form.METADATA_TABLE || form == Form.TIME_TRAVEL ? selector : table.table());
    }
}
