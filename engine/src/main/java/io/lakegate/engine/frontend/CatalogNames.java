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

/**
 * The views and table schemas of an Iceberg catalog for the front end; names of other catalogs count as tables of
 * unknown schema. Views are read as they are now. Schemas are kept a few seconds, since reading one costs a catalog
 * query and a metadata file for every table of every statement; {@link #forget} drops them after the gateway itself
 * changed a table.
 */
public final class CatalogNames implements ViewResolver, SchemaResolver {
    private static final Duration SCHEMA_LIFETIME = Duration.ofSeconds(5);
    private static final int SCHEMA_LIMIT = 10_000;

    private final LakeCatalog catalog;
    private final Map<TableName, KnownSchema> schemas = new ConcurrentHashMap<>();

    private record KnownSchema(Optional<List<String>> columns, long readNanos) {}

    public CatalogNames(LakeCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    @Override
    public Optional<ViewText> view(TableName name) {
        if (!inCatalog(name)) {
            return Optional.empty();
        }
        return catalog.view(name.database(), name.table()).map(view -> new ViewText(view.sql(),
                new SessionContext(view.defaultCatalog().orElse(catalog.name()), view.defaultDatabase(), Set.of())
                        .withCatalogs(Set.of(catalog.name()))));
    }

    @Override
    public Optional<List<String>> columns(TableName table) {
        if (!inCatalog(table)) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        KnownSchema known = schemas.get(table);
        if (known == null || now - known.readNanos() > SCHEMA_LIFETIME.toNanos()) {
            if (schemas.size() >= SCHEMA_LIMIT) {
                schemas.clear();
            }
            known = new KnownSchema(read(table), now);
            schemas.put(table, known);
        }
        return known.columns();
    }

    /** Schemas are read afresh from now on: a statement of this gateway may have changed them. */
    public void forget() {
        schemas.clear();
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
