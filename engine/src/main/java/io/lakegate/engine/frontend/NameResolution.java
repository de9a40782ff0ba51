package io.lakegate.engine.frontend;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves a table name as Spark 4.1 and Iceberg's {@code SparkCatalog} do. One part: a temporary view, else a table
 * of the current database. More: {@code global_temp.v} is a global temporary view; a first part that is a configured
 * catalog is that catalog (Spark's {@code CatalogAndIdentifier}); else the whole name is in the current catalog.
 *
 * <p>Iceberg loads the name as a table first and only when there is none reads its namespace as a table and its last
 * part as a metadata table ({@code snapshots}, {@code files}, ...), the changelog ({@code changes}) or a selector
 * ({@code branch_x}, {@code tag_x}, {@code snapshot_id_1}, {@code at_timestamp_1}). A table whose namespace has two
 * levels is rare, so a name like {@code db.t.snapshots} resolves to the table {@code db.t} with the form noted; a
 * two-part {@code db.snapshots} stays the table it most likely is, and the construct is noted so a policy can decide.
 */
final class NameResolution {
    static final String GLOBAL_TEMP_DATABASE = "global_temp";

    /** Iceberg's {@code MetadataTableType} names, and the changelog. */
    private static final Set<String> METADATA_TABLES = Set.of("entries", "files", "data_files", "delete_files",
            "history", "metadata_log_entries", "snapshots", "refs", "manifests", "partitions", "all_data_files",
            "all_delete_files", "all_files", "all_manifests", "all_entries", "position_deletes", "changes");
    /** Iceberg's snapshot selectors, matched case-sensitively as SparkCatalog matches them. */
    private static final Pattern SELECTOR = Pattern.compile("branch_.*|tag_.*|at_timestamp_\\d+|snapshot_id_\\d+");
    /** Data sources a name like {@code parquet.`/path`} reads files with. */
    private static final Set<String> FILE_FORMATS = Set.of("parquet", "orc", "json", "csv", "text", "avro",
            "binaryfile", "delta", "xml", "jdbc", "libsvm", "image", "hive", "iceberg", "noop");

    /** What a name resolved to; {@code construct} is the form a policy must decide on, if any. */
    record Resolved(TableName table, TableReference.Form form, String selector, Optional<Construct.Kind> construct) {
        static Resolved plain(TableName table) {
            return new Resolved(table, TableReference.Form.TABLE, "", Optional.empty());
        }
    }

    private NameResolution() {}

    /** The table a name stands for, or empty when it is one of the session's temporary views. */
    static Optional<Resolved> resolve(List<String> parts, SessionContext session) {
        String last = parts.get(parts.size() - 1);
        if (parts.size() == 1) {
            String compared = session.caseSensitive() ? last : last.toLowerCase(Locale.ROOT);
            return session.temporaryViews().contains(compared)
                    ? Optional.empty()
                    : Optional.of(Resolved.plain(new TableName(session.catalog(), session.database(), last)));
        }
        String first = parts.get(0);
        if (first.equalsIgnoreCase(GLOBAL_TEMP_DATABASE) && parts.size() == 2) {
            return Optional.of(new Resolved(
                    new TableName(SessionContext.SESSION_CATALOG, GLOBAL_TEMP_DATABASE, last),
                    TableReference.Form.GLOBAL_TEMPORARY_VIEW, "", Optional.of(Construct.Kind.GLOBAL_TEMP_VIEW)));
        }
        boolean catalogFirst = session.isCatalog(first);
        String catalog = catalogFirst ? first : session.catalog();
        List<String> namespace = parts.subList(catalogFirst ? 1 : 0, parts.size() - 1);
        TableName table = new TableName(catalog, String.join(".", namespace), last);
        if (parts.size() == 2 && !catalogFirst && isFileFormat(first)) {
            return Optional.of(new Resolved(table, TableReference.Form.FILE_PATH, first.toLowerCase(Locale.ROOT),
                    Optional.of(Construct.Kind.FILE_PATH)));
        }
        Optional<Construct.Kind> selected = METADATA_TABLES.contains(last.toLowerCase(Locale.ROOT))
                ? Optional.of(Construct.Kind.METADATA_TABLE)
                : SELECTOR.matcher(last).matches() ? Optional.of(Construct.Kind.TIME_TRAVEL) : Optional.empty();
        if (selected.isEmpty() || namespace.isEmpty()) {
            return Optional.of(Resolved.plain(table));
        }
        String selector = selected.get() == Construct.Kind.METADATA_TABLE ? last.toLowerCase(Locale.ROOT) : last;
        if (namespace.size() == 1) {
            return Optional.of(new Resolved(table, TableReference.Form.TABLE, selector, selected));
        }
        TableName base = new TableName(catalog, String.join(".", namespace.subList(0, namespace.size() - 1)),
                namespace.get(namespace.size() - 1));
        TableReference.Form form = selected.get() == Construct.Kind.METADATA_TABLE
                ? TableReference.Form.METADATA_TABLE : TableReference.Form.TIME_TRAVEL;
        return Optional.of(new Resolved(base, form, selector, selected));
    }

    private static boolean isFileFormat(String part) {
        return FILE_FORMATS.contains(part.toLowerCase(Locale.ROOT)) || part.contains(".");
    }
}
