package io.lakegate.engine.frontend;

import static java.util.Objects.requireNonNull;

import io.lakegate.catalog.ColumnInfo;
import io.lakegate.catalog.LakeCatalog;
import io.lakegate.catalog.NoSuchTableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The views and table schemas of an Iceberg catalog for the front end; names of other catalogs count as tables of
 * unknown schema. Both are kept a few seconds, since reading them costs a catalog query (and a metadata file) for
 * every name of every statement; {@link #forget} drops them after the gateway itself changed the catalog.
 */
public final class CatalogNames implements ViewResolver, SchemaResolver {
    private static final Duration LIFETIME = Duration.ofSeconds(5);
    private static final int LIMIT = 10_000;

    private final LakeCatalog catalog;
    private final Map<TableName, Known<Optional<List<String>>>> schemas = new ConcurrentHashMap<>();
    private final Map<TableName, Known<Optional<ViewText>>> views = new ConcurrentHashMap<>();

    private record Known<T>(T value, long readNanos) {}

    public CatalogNames(LakeCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    @Override
    public Optional<ViewText> view(TableName name) {
        if (!inCatalog(name)) {
            return Optional.empty();
        }
        return recent(views, name, () -> catalog.view(name.database(), name.table()).map(view -> new ViewText(
                view.sql(), new SessionContext(view.defaultCatalog().orElse(catalog.name()), view.defaultDatabase(),
                        Set.of()).withCatalogs(Set.of(catalog.name())))));
    }

    @Override
    public Optional<List<String>> columns(TableName table) {
        if (!inCatalog(table)) {
            return Optional.empty();
        }
        return recent(schemas, table, () -> read(table));
    }

    /** Views and schemas are read afresh from now on: a statement of this gateway may have changed them. */
    public void forget() {
        schemas.clear();
        views.clear();
    }

    private static <T> T recent(Map<TableName, Known<T>> known, TableName name, Supplier<T> read) {
        long now = System.nanoTime();
        Known<T> entry = known.get(name);
        if (entry == null || now - entry.readNanos() > LIFETIME.toNanos()) {
            if (known.size() >= LIMIT) {
                known.clear();
            }
            entry = new Known<>(read.get(), now);
            known.put(name, entry);
        }
        return entry.value();
    }

    private Optional<List<String>> read(TableName table) {
        try {
            return Optional.of(catalog.columns(table.database(), table.table()).stream().map(ColumnInfo::name)
                    .toList());
        } catch (NoSuchTableException e) {
            return Optional.empty();
        }
    }

    private boolean inCatalog(TableName name) {
        return name.catalog().equalsIgnoreCase(catalog.name());
    }
}
