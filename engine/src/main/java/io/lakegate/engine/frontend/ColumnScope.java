package io.lakegate.engine.frontend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The names one level of a query sees: the relations of its FROM clause, the CTEs defined around it, and through its
 * parent those of the enclosing query, which a correlated subquery may name.
 */
final class ColumnScope {
    final ColumnScope parent;
    final List<Relation> relations = new ArrayList<>();
    private final Map<String, Shape> ctes = new HashMap<>();

    ColumnScope(ColumnScope parent) {
        this.parent = parent;
    }

    void defineCte(String name, Shape shape) {
        ctes.put(lower(name), shape);
    }

    Optional<Shape> cte(String name) {
        for (ColumnScope scope = this; scope != null; scope = scope.parent) {
            Shape shape = scope.ctes.get(lower(name));
            if (shape != null) {
                return Optional.of(shape);
            }
        }
        return Optional.empty();
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * What a query yields: its column names when known (a star over an unknown table leaves them unknown), what
     * using each column costs, and what using all of them costs.
     */
    record Shape(Optional<List<String>> names, List<ColumnUsage> costs, ColumnUsage total) {
        static Shape unknown(ColumnUsage total) {
            return new Shape(Optional.empty(), List.of(), total);
        }

        /** The same columns under the names of a column alias list, {@code AS x (a, b)}. */
        Shape renamed(List<String> aliases) {
            if (aliases.isEmpty() || names.isEmpty() || aliases.size() != costs.size()) {
                return aliases.isEmpty() ? this : unknown(total);
            }
            return new Shape(Optional.of(aliases.stream().map(ColumnScope::lower).toList()), costs, total);
        }
    }

    /** Something a FROM clause makes visible under a name: a table reference or a derived table. */
    abstract static class Relation {
        /** The name forms that qualify its columns: an alias, else the table's name with or without its database. */
        private final List<List<String>> qualifiers;

        Relation(List<List<String>> qualifiers) {
            this.qualifiers = qualifiers;
        }

        boolean isNamed(List<String> parts) {
            return qualifiers.contains(parts);
        }

        /** The column names, lower case, when known. */
        abstract Optional<List<String>> columns();

        abstract void use(String column, ColumnUsage into);

        abstract void useAll(ColumnUsage into);

        boolean known() {
            return columns().isPresent();
        }

        boolean has(String column) {
            return columns().map(names -> names.contains(column)).orElse(false);
        }

        Shape shape() {
            ColumnUsage total = new ColumnUsage();
            useAll(total);
            if (columns().isEmpty()) {
                return Shape.unknown(total);
            }
            List<ColumnUsage> costs = new ArrayList<>();
            for (String column : columns().get()) {
                ColumnUsage cost = new ColumnUsage();
                use(column, cost);
                costs.add(cost);
            }
            return new Shape(columns(), costs, total);
        }
    }

    /** A table reference; {@code reference} is null for a name that is no catalog table (a temporary view). */
    static final class Table extends Relation {
        private final TableReference reference;
        private final Optional<List<String>> columns;

        Table(List<List<String>> qualifiers, TableReference reference, Optional<List<String>> columns) {
            super(qualifiers);
            this.reference = reference;
            this.columns = columns;
        }

        @Override
        Optional<List<String>> columns() {
            return columns;
        }

        @Override
        void use(String column, ColumnUsage into) {
            if (reference != null) {
                if (columns.isEmpty()) {
                    into.allColumns(reference);
                } else {
                    into.column(reference, column);
                }
            }
        }

        @Override
        void useAll(ColumnUsage into) {
            if (reference != null) {
                into.allColumns(reference);
            }
        }
    }

    /** A derived table or CTE: each of its columns costs what its definition needs to compute that column. */
    static final class Derived extends Relation {
        private final Shape shape;

        Derived(List<List<String>> qualifiers, Shape shape) {
            super(qualifiers);
            this.shape = shape;
        }

        @Override
        Optional<List<String>> columns() {
            return shape.names();
        }

        @Override
        void use(String column, ColumnUsage into) {
            // A derived table may have two columns of one name (a star over a join); a use may mean either.
            List<String> names = shape.names().orElse(List.of());
            boolean found = false;
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equals(column)) {
                    into.add(shape.costs().get(i));
                    found = true;
                }
            }
            if (!found) {
                into.add(shape.total());
            }
        }

        @Override
        void useAll(ColumnUsage into) {
            into.add(shape.total());
        }

        @Override
        Shape shape() {
            return shape;
        }
    }
}
