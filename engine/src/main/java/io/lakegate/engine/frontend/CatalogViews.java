package io.lakegate.engine.frontend;

import static java.util.Objects.requireNonNull;

import io.lakegate.catalog.LakeCatalog;
import java.util.Optional;
import java.util.Set;

/** The views of an Iceberg catalog, read from it as they are now; other catalogs' names count as tables. */
public final class CatalogViews implements ViewResolver {
    private final LakeCatalog catalog;

    public CatalogViews(LakeCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    @Override
    public Optional<ViewText> view(TableName name) {
        if (!name.catalog().equalsIgnoreCase(catalog.name())) {
            return Optional.empty();
        }
        return catalog.view(name.database(), name.table()).map(view -> new ViewText(view.sql(),
                new SessionContext(view.defaultCatalog().orElse(catalog.name()), view.defaultDatabase(), Set.of())));
    }
}
