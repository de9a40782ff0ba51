package io.lakegate.engine;

import io.lakegate.catalog.LakeCatalog;
import io.lakegate.catalog.TableInfo;
import io.lakegate.catalog.TableType;
import io.lakegate.common.LakegateException;
import io.lakegate.engine.connect.ConnectSession;
import io.lakegate.engine.frontend.Analysis;
import io.lakegate.engine.frontend.DropNamespace;
import io.lakegate.engine.frontend.StatementType;
import io.lakegate.engine.policy.AuthorizedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;

/**
 * {@code DROP DATABASE ... CASCADE} of a namespace of the engine's catalog: Iceberg's JDBC catalog drops only empty
 * namespaces, whatever Spark asks, so the tables and views inside are dropped first, each as the {@code DROP TABLE} or
 * {@code DROP VIEW} a user could have sent, decided on by the policies as such. Every one of them is authorized before
 * the first runs: a refusal leaves the namespace as it was. The namespace itself is then dropped by the statement as
 * written, which the policies have decided on too.
 *
 * @param database the namespace, as the catalog names it
 * @param drops the drops of what it holds, each as it may run
 */
record CascadeDrop(String database, List<Drop> drops) {
    /** One object's drop. */
    record Drop(String name, String operationId, AuthorizedStatement authorized) {}

    /**
     * The drops a statement needs before it runs; empty for any other statement, and for a namespace the catalog
     * does not have, whose error (or {@code IF EXISTS}) is Spark's.
     */
    static Optional<CascadeDrop> prepare(Session session, Analysis analysis) {
        if (analysis.type() != StatementType.DROP) {
            return Optional.empty();
        }
        Optional<DropNamespace> drop = DropNamespace.parse(analysis.sql());
        if (drop.isEmpty() || !drop.get().cascade()) {
            return Optional.empty();
        }
        // The whole catalog, not the user's view of it: what the user may not see is refused, not left behind.
        LakeCatalog catalog = session.engine().catalog();
        List<String> name = drop.get().name();
        boolean qualified = name.size() > 1 && name.get(0).equalsIgnoreCase(catalog.name());
        if (!qualified && !session.currentCatalog().equalsIgnoreCase(catalog.name())) {
            return Optional.empty();
        }
        String database = String.join(".", qualified ? name.subList(1, name.size()) : name);
        if (!catalog.databaseExists(database)) {
            return Optional.empty();
        }
        List<Drop> drops = new ArrayList<>();
        for (TableInfo object : catalog.listTables(database)) {
            String sql = "DROP " + (object.type() == TableType.VIEW ? "VIEW " : "TABLE ")
                    + quoted(catalog.name(), database, object.name());
            String operationId = UUID.randomUUID().toString();
            drops.add(new Drop(database + "." + object.name(), operationId,
                    session.authorize(session.analyze(sql), operationId)));
        }
        return Optional.of(new CascadeDrop(database, drops));
    }

    /** Drops the objects inside; a failure names what was dropped before it and what was not. */
    void run(Session session, ConnectSession connect, BufferAllocator allocator) {
        List<String> dropped = new ArrayList<>();
        for (Drop drop : drops) {
            try {
                connect.run(drop.authorized().sql(), drop.operationId(), drop.authorized().approval(), allocator);
            } catch (LakegateException e) {
                if (!dropped.isEmpty()) {
                    session.engine().catalogChanged();
                }
                throw new LakegateException(e.sqlState(), e.errorClass().orElse(null), "DROP DATABASE " + database
                        + " CASCADE stopped: " + drop.name() + " could not be dropped"
                        + (dropped.isEmpty() ? "" : " (dropped before it: " + String.join(", ", dropped) + ")")
                        + "; the database is still there: " + e.getMessage(), e);
            }
            dropped.add(drop.name());
        }
    }

    private static String quoted(String catalog, String database, String name) {
        return Stream.of(Stream.of(catalog), Stream.of(database.split("\\.", -1)), Stream.of(name))
                .flatMap(part -> part)
                .map(part -> "`" + part.replace("`", "``") + "`")
                .collect(Collectors.joining("."));
    }
}
