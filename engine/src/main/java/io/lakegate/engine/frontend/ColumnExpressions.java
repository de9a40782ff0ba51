package io.lakegate.engine.frontend;

import static io.lakegate.engine.frontend.ColumnScope.lower;

import io.lakegate.engine.frontend.ColumnScope.Relation;
import io.lakegate.engine.frontend.ColumnScope.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLambda;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.SqlWith;

/** The columns that expressions use, for {@link ColumnCollector}: names resolved against a scope. */
final class ColumnExpressions {
    /** Names an expression sees besides columns: lambda variables, and select-list aliases in some clauses. */
    private record Context(Set<String> lambdas, Map<String, ColumnUsage> aliases, boolean aliasesFirst) {
        static final Context PLAIN = new Context(Set.of(), Map.of(), false);
    }

    private final ColumnCollector collector;

    ColumnExpressions(ColumnCollector collector) {
        this.collector = collector;
    }

    void expression(SqlNode node, ColumnScope scope, ColumnUsage into) {
        expression(node, scope, into, Context.PLAIN);
    }

    /** HAVING and QUALIFY: a name is a column when one is in scope, else maybe a select-list alias. */
    void withAliases(SqlNode node, ColumnScope scope, Map<String, ColumnUsage> aliases) {
        expression(node, scope, collector.used(), new Context(Set.of(), aliases, false));
    }

    /** The select list: its column names and what each costs; a star expands over the relations it names. */
    Shape selectList(SqlNodeList list, ColumnScope scope) {
        List<String> names = new ArrayList<>();
        List<ColumnUsage> costs = new ArrayList<>();
        ColumnUsage total = new ColumnUsage();
        boolean known = true;
        // Spark's lateral column aliases: a later item may name an earlier one's alias, when no column has the name.
        Map<String, ColumnUsage> earlier = new HashMap<>();
        for (SqlNode item : list) {
            if (item instanceof SqlIdentifier identifier && identifier.isStar()) {
                if (structStar(identifier, scope, costs, names, total)) {
                    collector.used().add(costs.get(costs.size() - 1));
                    continue;
                }
                for (Relation relation : starred(identifier, scope)) {
                    Shape shape = relation.shape();
                    total.add(shape.total());
                    known &= shape.names().isPresent();
                    names.addAll(shape.names().orElse(List.of()));
                    costs.addAll(shape.costs());
                }
                continue;
            }
            ColumnUsage cost = new ColumnUsage();
            expression(item, scope, cost, new Context(Set.of(), Map.copyOf(earlier), false));
            total.add(cost);
            Optional<String> name = outputName(item);
            name.ifPresent(alias -> earlier.put(alias, cost));
            if (name.isEmpty()) {
                // Spark names it after its text; a use of that name is not followed, so count it as used.
                collector.used().add(cost);
            }
            names.add(name.orElse(null));
            costs.add(cost);
        }
        return known ? new Shape(Optional.of(names), costs, total) : Shape.unknown(total);
    }

    /** GROUP BY: an ordinal means a select-list column; a name is a column in scope, else maybe an alias. */
    void grouping(SqlNodeList group, ColumnScope scope, Shape shape, Map<String, ColumnUsage> aliases) {
        if (group == null) {
            return;
        }
        for (SqlNode item : group) {
            if (!ordinal(item, shape)) {
                expression(item, scope, collector.used(), new Context(Set.of(), aliases, false));
            }
        }
    }

    /** ORDER BY: an ordinal or a select-list alias comes first, as in Spark; then columns in scope. */
    void orderBy(SqlNodeList order, ColumnScope scope, Shape shape, Map<String, ColumnUsage> aliases) {
        if (order == null) {
            return;
        }
        for (SqlNode item : order) {
            SqlNode key = sortKey(item);
            if (!ordinal(key, shape)) {
                expression(key, scope, collector.used(), new Context(Set.of(), aliases, true));
            }
        }
    }

    /** ORDER BY after a set operation names the output's columns; a name it does not know costs everything. */
    void orderByOutput(SqlNodeList order, Shape shape) {
        if (order == null) {
            return;
        }
        for (SqlNode item : order) {
            SqlNode key = sortKey(item);
            if (ordinal(key, shape)) {
                continue;
            }
            int index = key instanceof SqlIdentifier identifier && shape.names().isPresent()
                    ? shape.names().get().indexOf(lower(identifier.names.get(identifier.names.size() - 1))) : -1;
            collector.used().add(index < 0 ? shape.total() : shape.costs().get(index));
        }
    }

    /** Notes the words of a clause Calcite did not see that are columns in scope: an over-approximation. */
    void hiddenName(List<String> parts, ColumnScope scope) {
        resolve(parts, scope, collector.used(), Context.PLAIN);
    }

    private boolean ordinal(SqlNode node, Shape shape) {
        if (!ColumnCollector.isOrdinal(node)) {
            return false;
        }
        int index = ((SqlNumericLiteral) node).intValue(true) - 1;
        collector.used().add(index >= 0 && index < shape.costs().size() ? shape.costs().get(index) : shape.total());
        return true;
    }

    private static SqlNode sortKey(SqlNode item) {
        SqlNode key = item;
        while (key instanceof SqlCall call && (call.getKind() == SqlKind.DESCENDING
                || call.getKind() == SqlKind.NULLS_FIRST || call.getKind() == SqlKind.NULLS_LAST)) {
            key = call.operand(0);
        }
        return key;
    }

    private static Optional<String> outputName(SqlNode item) {
        if (item instanceof SqlCall call && call.getKind() == SqlKind.AS) {
            return Optional.of(lower(((SqlIdentifier) call.operand(1)).getSimple()));
        }
        if (item instanceof SqlIdentifier identifier) {
            return Optional.of(lower(identifier.names.get(identifier.names.size() - 1)));
        }
        return Optional.empty();
    }

    /**
     * {@code s.*} where {@code s} names no relation but a column: a struct's fields, which use that column alone. The
     * fields' names are unknown here, so a use of them by name is not followed: all of them count as used.
     */
    private boolean structStar(SqlIdentifier star, ColumnScope scope, List<ColumnUsage> costs, List<String> names,
            ColumnUsage total) {
        List<String> qualifier = star.names.subList(0, star.names.size() - 1).stream().map(ColumnScope::lower)
                .toList();
        if (qualifier.isEmpty() || isRelation(qualifier, scope)) {
            return false;
        }
        ColumnUsage cost = new ColumnUsage();
        if (!column(qualifier.get(0), scope, cost)) {
            return false;
        }
        total.add(cost);
        costs.add(cost);
        names.add(null);
        return true;
    }

    private static boolean isRelation(List<String> qualifier, ColumnScope scope) {
        for (ColumnScope level = scope; level != null; level = level.parent) {
            if (level.relations.stream().anyMatch(relation -> relation.isNamed(qualifier))) {
                return true;
            }
        }
        return false;
    }

    /** The relations a star covers: all in scope for {@code *}, the one named for {@code t.*}; all if none is. */
    private static List<Relation> starred(SqlIdentifier star, ColumnScope scope) {
        List<String> qualifier = star.names.subList(0, star.names.size() - 1).stream().map(ColumnScope::lower)
                .toList();
        if (qualifier.isEmpty()) {
            return scope.relations;
        }
        for (ColumnScope level = scope; level != null; level = level.parent) {
            List<Relation> named = level.relations.stream().filter(relation -> relation.isNamed(qualifier)).toList();
            if (!named.isEmpty()) {
                return named;
            }
        }
        return scope.relations;
    }

    private void expression(SqlNode node, ColumnScope scope, ColumnUsage into, Context context) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlIdentifier identifier) {
            if (identifier.isStar()) {
                if (!structStar(identifier, scope, new ArrayList<>(), new ArrayList<>(), into)) {
                    starred(identifier, scope).forEach(relation -> relation.useAll(into));
                }
            } else {
                resolve(identifier.names.stream().map(ColumnScope::lower).toList(), scope, into, context);
            }
        } else if (node instanceof SqlNodeList list) {
            list.forEach(element -> expression(element, scope, into, context));
        } else if (node instanceof SqlSelect || node instanceof SqlOrderBy || node instanceof SqlWith
                || (node instanceof SqlBasicCall set && set.getKind().belongsTo(SqlKind.SET_QUERY))
                || node.getKind() == SqlKind.EXPLICIT_TABLE) {
            into.add(collector.query(node, scope).total());
        } else if (node instanceof SqlLambda lambda) {
            Set<String> variables = new HashSet<>(context.lambdas());
            lambda.getParameters().forEach(parameter -> variables.add(lower(((SqlIdentifier) parameter).getSimple())));
            expression(lambda.getExpression(), scope, into,
                    new Context(Set.copyOf(variables), context.aliases(), context.aliasesFirst()));
        } else if (node instanceof SqlWindow window) {
            expression(window.getPartitionList(), scope, into, context);
            expression(window.getOrderList(), scope, into, context);
            expression(window.getLowerBound(), scope, into, context);
            expression(window.getUpperBound(), scope, into, context);
        } else if (node instanceof SqlCall call) {
            call(call, scope, into, context);
        }
    }

    private void call(SqlCall call, ColumnScope scope, ColumnUsage into, Context context) {
        switch (call.getKind()) {
            // The alias, the field name, the window's name and the argument's name are no columns.
            case AS, DOT, ARGUMENT_ASSIGNMENT -> expression(call.operand(0), scope, into, context);
            // EXISTS asks only whether a row is there: what the subquery needs to find its rows is used, the columns
            // it yields (a star, typically) are not.
            case EXISTS -> collector.query(call.operand(0), scope);
            case OVER -> {
                expression(call.operand(0), scope, into, context);
                if (call.operand(1) instanceof SqlWindow) {
                    expression(call.operand(1), scope, into, context);
                }
            }
            default -> {
                boolean count = call.getOperator().getName().equalsIgnoreCase("count");
                for (SqlNode operand : call.getOperandList()) {
                    // count(*) counts rows and reads no column; struct(*) and the like read them all.
                    if (!(count && operand instanceof SqlIdentifier star && star.isStar() && star.names.size() == 1)) {
                        expression(operand, scope, into, context);
                    }
                }
            }
        }
    }

    /**
     * A name: a lambda variable; else {@code relation.column[.field...]} where a relation of the innermost level
     * that has such a column is named; else {@code column[.field...]}; in ORDER BY an alias comes first, elsewhere
     * an alias is the last resort.
     */
    private void resolve(List<String> parts, ColumnScope scope, ColumnUsage into, Context context) {
        String first = parts.get(0);
        if (context.lambdas().contains(first)) {
            return;
        }
        ColumnUsage alias = parts.size() == 1 ? context.aliases().get(first) : null;
        if (alias != null && context.aliasesFirst()) {
            into.add(alias);
            return;
        }
        if (parts.size() >= 2 && qualified(parts, scope, into)) {
            return;
        }
        boolean found = column(first, scope, into);
        if (!found && alias != null) {
            into.add(alias);
        }
    }

    private static boolean qualified(List<String> parts, ColumnScope scope, ColumnUsage into) {
        for (ColumnScope level = scope; level != null; level = level.parent) {
            boolean found = false;
            for (Relation relation : level.relations) {
                for (int length = 1; length < parts.size(); length++) {
                    String column = parts.get(length);
                    if (relation.isNamed(parts.subList(0, length)) && (!relation.known() || relation.has(column))) {
                        relation.use(column, into);
                        found = true;
                    }
                }
            }
            if (found) {
                return true;
            }
        }
        return false;
    }

    /**
     * An unqualified column: every relation of the innermost level that has it (several: Spark calls it ambiguous or
     * it is a USING key; either way all of them); a relation of unknown columns may have it too, so the search then
     * goes on outwards.
     */
    private static boolean column(String name, ColumnScope scope, ColumnUsage into) {
        boolean found = false;
        for (ColumnScope level = scope; level != null; level = level.parent) {
            boolean certain = false;
            for (Relation relation : level.relations) {
                if (relation.has(name)) {
                    relation.use(name, into);
                    certain = true;
                } else if (!relation.known()) {
                    relation.use(name, into);
                    found = true;
                }
            }
            if (certain) {
                return true;
            }
        }
        return found;
    }
}
