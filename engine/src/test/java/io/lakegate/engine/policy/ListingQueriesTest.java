package io.lakegate.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.catalog.ColumnInfo;
import io.lakegate.catalog.LakeCatalog;
import io.lakegate.catalog.TableInfo;
import io.lakegate.catalog.TableType;
import io.lakegate.catalog.ViewDefinition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ListingQueriesTest {
    private static final String LONG_NAME = "a".repeat(10_000);

    private final LakeCatalog catalog = new ListedCatalog(List.of("sales", "sales_eu", "HR", LONG_NAME),
            List.of("orders", "order_lines", LONG_NAME));

    @Test
    void sparkPatternsTakeAlternativesAndStarsInAnyCase() {
        assertThat(ListingQueries.databases(catalog, Optional.of("SALES* | hr")))
                .contains("('sales')", "('sales_eu')", "('HR')").doesNotContain(LONG_NAME);
        assertThat(ListingQueries.databases(catalog, Optional.of("sales"))).contains("('sales')")
                .doesNotContain("sales_eu");
        assertThat(ListingQueries.tables(catalog, "sales", Optional.of("order*"), false))
                .contains("'orders'", "'order_lines'").doesNotContain(LONG_NAME);
        assertThat(ListingQueries.tables(catalog, "sales", Optional.of("order."), false))
                .as("a dot is itself").endsWith("WHERE false");
    }

    /** A regex of these stars would backtrack exponentially on the long name; the listing must be right and quick. */
    @Test
    @Timeout(5)
    void aPathologicalPatternAgainstALongName() {
        assertThat(ListingQueries.databases(catalog, Optional.of("*a*a*a*a*a*a*a*a*a*a*a*b"))).endsWith("WHERE false");
        assertThat(ListingQueries.tables(catalog, "sales", Optional.of("*a*a*a*a*a*a*a*a*a*a*a*a"), false))
                .contains(LONG_NAME);
    }

    /** A catalog that only lists: the same tables in every database. */
    private record ListedCatalog(List<String> databases, List<String> tables) implements LakeCatalog {
        @Override
        public String name() {
            return "lakehouse";
        }

        @Override
        public List<String> listDatabases() {
            return databases;
        }

        @Override
        public boolean databaseExists(String database) {
            return databases.contains(database);
        }

        @Override
        public List<TableInfo> listTables(String database) {
            return tables.stream().map(name -> new TableInfo(database, name, TableType.TABLE, Optional.empty()))
                    .toList();
        }

        @Override
        public TableInfo table(String database, String name) {
            throw new UnsupportedOperationException("listing only");
        }

        @Override
        public List<ColumnInfo> columns(String database, String table) {
            throw new UnsupportedOperationException("listing only");
        }

        @Override
        public Optional<ViewDefinition> view(String database, String name) {
            throw new UnsupportedOperationException("listing only");
        }

        @Override
        public void close() {}
    }
}
