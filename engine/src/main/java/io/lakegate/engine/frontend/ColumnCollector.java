package io.lakegate.engine.frontend;

import static io.lakegate.engine.frontend.ColumnScope.lower;

import io.lakegate.engine.frontend.ColumnScope.Derived;
import io.lakegate.engine.frontend.ColumnScope.Relation;
import io.lakegate.engine.frontend.ColumnScope.Shape;
import io.lakegate.engine.frontend.ColumnScope.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSetOperator;
import org.apache.calcite.sql.SqlSnapshot;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a parsed statement and notes which columns of each table reference it uses. Names resolve as Spark resolves
 * them: a qualifier names a relation of the innermost query level that has it, an unqualified name the columns of the
 * innermost level that has a column of that name (all of them when several do: fail closed), lambda variables shadow
 * columns. A column of a derived table or CTE costs what its definition needs to compute it. A star, {@code TABLE t}
 * or {@code struct(*)} uses every column; a table whose schema is unknown counts as used whole.
 */
final class ColumnCollector {
    private static final Logger LOG = LoggerFactory.getLogger(ColumnCollector.class);
    private final TextPositions positions;
    private final Map<Integer, TableReference> referencesByStart = new HashMap<>();
    private final SchemaResolver schemas;
    private final ColumnUsage used;
    private final ColumnExpressions expressions;
    /** Each SELECT's start offset and scope, for the clauses hidden from Calcite. */
    final List<Map.Entry<Integer, ColumnScope>> selects = new ArrayList<>();

    private ColumnCollector(
            TextPositions positions, List<TableReference> references, SchemaResolver schemas, ColumnUsage used) {
        this.positions = positions;
        references.forEach(reference -> referencesByStart.put(reference.start(), reference));
        this.schemas = schemas;
        this.used = used;
        this.expressions = new ColumnExpressions(this);
    }

    /**
     * Adds the columns that {@code statement} uses to {@code used}; {@code references} are those found in it.
     * Returns the collector, whose {@link #selects} place the Spark-only clauses.
     */
    static ColumnCollector collect(SqlNode statement, TextPositions positions, List<TableReference> references,
            SchemaResolver schemas, ColumnUsage used) {
        ColumnCollector collector = new ColumnCollector(positions, references, schemas, used);
        try {
            collector.statement(statement);
        } catch (RuntimeException e) {
            // A shape the walk does not expect.
            collector.failClosed(e);
        }
        // A table the walk did not reach as a relation (in PIVOT, say) is read in a way it does not follow.
        references.stream().filter(reference -> reference.access() == TableReference.Access.READ)
                .filter(reference -> !used.has(reference)).forEach(used::allColumns);
        return collector;
    }

    /** Something went wrong after the walk: every column of every reference here counts as used. */
    void failClosed(RuntimeException e) {
        LOG.debug("column use not followed, all columns count: {}", e.toString());
        referencesByStart.values().forEach(used::allColumns);
    }

    ColumnExpressions expressions() {
        return expressions;
    }

    ColumnUsage used() {
        return used;
    }

    private void statement(SqlNode node) {
        ColumnScope scope = new ColumnScope(null);
        if (node instanceof SqlInsert insert) {
            Relation target = target(insert.getTargetTable(), null, scope);
            SqlNodeList columns = insert.getTargetColumnList();
            if (columns != null) {
                columns.forEach(column -> target.use(lower(((SqlIdentifier) column).names.get(0)), used));
            }
            used.add(query(insert.getSource(), null).total());
        } else if (node instanceof SqlUpdate update) {
            Relation target = target(update.getTargetTable(), update.getAlias(), scope);
            update.getTargetColumnList().forEach(column -> target.use(lastName(column), used));
            expressions.expression(update.getSourceExpressionList(), scope, used);
            expressions.expression(update.getCondition(), scope, used);
        } else if (node instanceof SqlDelete delete) {
            target(delete.getTargetTable(), delete.getAlias(), scope);
            expressions.expression(delete.getCondition(), scope, used);
        } else if (node instanceof SqlMerge merge) {
            merge(merge, scope);
        } else {
            used.add(query(node, null).total());
        }
    }

    private void merge(SqlMerge merge, ColumnScope scope) {
        Relation target = target(merge.getTargetTable(), merge.getAlias(), scope);
        from(merge.getSourceTableRef(), scope, null);
        expressions.expression(merge.getCondition(), scope, used);
        SqlUpdate update = merge.getUpdateCall();
        if (update != null) {
            update.getTargetColumnList().forEach(column -> target.use(lastName(column), used));
            expressions.expression(update.getSourceExpressionList(), scope, used);
            expressions.expression(update.getCondition(), scope, used);
        }
        SqlInsert insert = merge.getInsertCall();
        if (insert != null) {
            SqlNodeList columns = insert.getTargetColumnList();
            if (columns == null || columns.isEmpty()) {
                target.useAll(used);
            } else {
                columns.forEach(column -> target.use(lastName(column), used));
            }
            expressions.expression(insert.getSource(), scope, used);
        }
    }

    /** A DML target: a table the statement names columns of; when it is no plain name, its FROM form. */
    private Relation target(SqlNode node, SqlIdentifier alias, ColumnScope scope) {
        if (node instanceof SqlCall call && call.getKind() == SqlKind.AS) {
            return target(call.operand(0), (SqlIdentifier) call.operand(1), scope);
        }
        if (node instanceof SqlIdentifier identifier) {
            Relation relation = table(identifier, alias == null ? null : alias.getSimple(), scope);
            scope.relations.add(relation);
            return relation;
        }
        from(node, scope, null);
        return scope.relations.isEmpty() ? new Table(List.of(), null, Optional.empty()) : scope.relations.get(0);
    }

    /** What a query yields; what it needs whatever is used of it (WHERE, GROUP BY, ...) is added to the statement. */
    Shape query(SqlNode node, ColumnScope outer) {
        if (node instanceof SqlSelect select) {
            return select(select, outer, select.getOrderList());
        }
        if (node instanceof SqlOrderBy orderBy) {
            if (orderBy.query instanceof SqlSelect select) {
                return select(select, outer, orderBy.orderList);
            }
            Shape shape = query(orderBy.query, outer);
            expressions.orderByOutput(orderBy.orderList, shape);
            return shape;
        }
        if (node instanceof SqlWith with) {
            ColumnScope scope = new ColumnScope(outer);
            for (SqlNode item : with.withList) {
                SqlWithItem withItem = (SqlWithItem) item;
                if (withItem.recursive.booleanValue()) {
                    scope.defineCte(withItem.name.getSimple(), Shape.unknown(new ColumnUsage()));
                }
                Shape shape = query(withItem.query, scope);
                scope.defineCte(withItem.name.getSimple(), shape.renamed(names(withItem.columnList)));
            }
            return query(with.body, scope);
        }
        if (node instanceof SqlCall call && call.getKind() == SqlKind.EXPLICIT_TABLE) {
            ColumnScope scope = new ColumnScope(outer);
            from(call.operand(0), scope, outer);
            return scope.relations.isEmpty() ? Shape.unknown(new ColumnUsage()) : scope.relations.get(0).shape();
        }
        if (node instanceof SqlBasicCall call && call.getKind().belongsTo(SqlKind.SET_QUERY)) {
            return setOperation(call, outer);
        }
        // VALUES and anything else: what its expressions use is used.
        expressions.expression(node, outer == null ? new ColumnScope(null) : outer, used);
        return Shape.unknown(new ColumnUsage());
    }

    /** UNION ALL keeps each column apart; the other set operations compare whole rows, so use every column. */
    private Shape setOperation(SqlBasicCall call, ColumnScope outer) {
        List<Shape> shapes = new ArrayList<>();
        for (SqlNode operand : call.getOperandList()) {
            shapes.add(query(operand, outer));
        }
        ColumnUsage total = new ColumnUsage();
        shapes.forEach(shape -> total.add(shape.total()));
        boolean unionAll = call.getKind() == SqlKind.UNION && ((SqlSetOperator) call.getOperator()).isAll();
        if (!unionAll) {
            used.add(total);
        }
        Shape first = shapes.get(0);
        boolean aligned = first.names().isPresent() && shapes.stream().allMatch(shape -> shape.names().isPresent()
                && shape.costs().size() == first.costs().size());
        if (!aligned) {
            return Shape.unknown(total);
        }
        List<ColumnUsage> costs = new ArrayList<>();
        for (int i = 0; i < first.costs().size(); i++) {
            ColumnUsage cost = new ColumnUsage();
            for (Shape shape : shapes) {
                cost.add(shape.costs().get(i));
            }
            costs.add(cost);
        }
        return new Shape(first.names(), costs, total);
    }

    private Shape select(SqlSelect select, ColumnScope outer, SqlNodeList orderList) {
        ColumnScope scope = new ColumnScope(outer);
        from(select.getFrom(), scope, outer);
        selects.add(Map.entry(positions.start(select.getParserPosition()), scope));
        Shape shape = expressions.selectList(select.getSelectList(), scope);
        Map<String, ColumnUsage> aliases = new HashMap<>();
        List<String> names = shape.names().orElse(List.of());
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) != null) {
                aliases.merge(names.get(i), shape.costs().get(i), (a, b) -> {
                    ColumnUsage both = new ColumnUsage();
                    both.add(a);
                    both.add(b);
                    return both;
                });
            }
        }
        expressions.expression(select.getWhere(), scope, used);
        expressions.grouping(select.getGroup(), scope, shape, aliases);
        expressions.withAliases(select.getHaving(), scope, aliases);
        expressions.expression(select.getWindowList(), scope, used);
        expressions.withAliases(select.getQualify(), scope, aliases);
        expressions.orderBy(orderList, scope, shape, aliases);
        if (select.isDistinct()) {
            used.add(shape.total());
        }
        return shape;
    }

    /** Adds the relations of a FROM clause to {@code scope}; returns those added. */
    List<Relation> from(SqlNode node, ColumnScope scope, ColumnScope outer) {
        int before = scope.relations.size();
        if (node == null) {
            return List.of();
        }
        if (node instanceof SqlIdentifier identifier) {
            scope.relations.add(table(identifier, null, scope));
        } else if (node instanceof SqlJoin join) {
            join(join, scope, outer);
        } else if (node instanceof SqlCall call && call.getKind() == SqlKind.AS) {
            aliased(call, scope, outer);
        } else if (node instanceof SqlSnapshot snapshot) {
            from(snapshot.getTableRef(), scope, outer);
            expressions.expression(snapshot.getPeriod(), scope, used);
        } else if (node instanceof SqlCall call && (call.getKind() == SqlKind.TABLE_REF
                || call.getKind() == SqlKind.TABLESAMPLE)) {
            from(call.operand(0), scope, outer);
            for (int i = 1; i < call.operandCount(); i++) {
                expressions.expression(call.operand(i), scope, used);
            }
        } else {
            scope.relations.add(new Derived(List.of(), derived(node, scope, outer)));
        }
        return List.copyOf(scope.relations.subList(before, scope.relations.size()));
    }

    /** A derived table sees the enclosing query; a LATERAL one also the relations to its left. */
    private Shape derived(SqlNode node, ColumnScope scope, ColumnScope outer) {
        if (node instanceof SqlCall call && call.getKind() == SqlKind.LATERAL) {
            return query(call.operand(0), scope);
        }
        return query(node, outer);
    }

    private void aliased(SqlCall call, ColumnScope scope, ColumnScope outer) {
        SqlNode item = call.operand(0);
        String alias = ((SqlIdentifier) call.operand(1)).getSimple();
        List<String> columnAliases = new ArrayList<>();
        for (int i = 2; i < call.operandCount(); i++) {
            columnAliases.add(((SqlIdentifier) call.operand(i)).getSimple());
        }
        List<List<String>> qualifiers = List.of(List.of(lower(alias)));
        if (item instanceof SqlIdentifier identifier) {
            Relation table = table(identifier, alias, scope);
            scope.relations.add(columnAliases.isEmpty() ? table
                    : new Derived(qualifiers, table.shape().renamed(columnAliases)));
        } else if (item instanceof SqlCall inner && (inner.getKind() == SqlKind.TABLE_REF
                || inner.getKind() == SqlKind.TABLESAMPLE || inner instanceof SqlSnapshot)) {
            for (Relation relation : from(inner, new ColumnScope(outer), outer)) {
                scope.relations.add(new Derived(qualifiers, relation.shape().renamed(columnAliases)));
            }
        } else {
            scope.relations.add(new Derived(qualifiers, derived(item, scope, outer).renamed(columnAliases)));
        }
    }

    private void join(SqlJoin join, ColumnScope scope, ColumnScope outer) {
        List<Relation> left = from(join.getLeft(), scope, outer);
        List<Relation> right = from(join.getRight(), scope, outer);
        List<Relation> both = new ArrayList<>(left);
        both.addAll(right);
        if (join.isNatural()) {
            // The join compares every column that both sides have; unknown sides could share any of them.
            if (both.stream().allMatch(Relation::known)) {
                for (String column : columnsOf(left)) {
                    if (columnsOf(right).contains(column)) {
                        both.stream().filter(relation -> relation.has(column))
                                .forEach(relation -> relation.use(column, used));
                    }
                }
            } else {
                both.forEach(relation -> relation.useAll(used));
            }
        } else if (join.getConditionType() == JoinConditionType.USING) {
            for (SqlNode column : (SqlNodeList) join.getCondition()) {
                String name = lastName(column);
                both.stream().filter(relation -> relation.has(name) || !relation.known())
                        .forEach(relation -> relation.use(name, used));
            }
        } else {
            expressions.expression(join.getCondition(), scope, used);
        }
        String type = join.getJoinType().name();
        if (type.contains("SEMI") || type.contains("ANTI")) {
            // The right side of a semi or anti join is seen by its condition only: a star after it does not cover it.
            scope.relations.removeAll(right);
        }
    }

    private static List<String> columnsOf(List<Relation> relations) {
        List<String> columns = new ArrayList<>();
        relations.forEach(relation -> columns.addAll(relation.columns().orElse(List.of())));
        return columns;
    }

    /** A name in FROM: a CTE in scope, else the table reference found at its place (none for a temporary view). */
    private Relation table(SqlIdentifier identifier, String alias, ColumnScope scope) {
        List<String> names = identifier.names.stream().map(ColumnScope::lower).toList();
        List<List<String>> qualifiers = new ArrayList<>();
        if (alias != null) {
            qualifiers.add(List.of(lower(alias)));
        } else {
            for (int i = names.size() - 1; i >= 0; i--) {
                qualifiers.add(names.subList(i, names.size()));
            }
        }
        if (identifier.isSimple()) {
            Optional<Shape> cte = scope.cte(identifier.getSimple());
            if (cte.isPresent()) {
                return new Derived(qualifiers, cte.get());
            }
        }
        TableReference reference = referencesByStart.get(positions.start(identifier.getParserPosition()));
        if (alias == null && reference != null) {
            // Spark also takes the name it resolved as a qualifier: sales.t.a and lakehouse.sales.t.a for FROM t.
            List<String> resolved = new ArrayList<>(List.of(reference.table().database().split("\\.")));
            resolved.add(reference.table().table());
            qualifiers.add(List.copyOf(resolved));
            resolved.add(0, reference.table().catalog());
            qualifiers.add(List.copyOf(resolved));
        }
        Optional<List<String>> columns = reference == null ? Optional.empty()
                : schemas.columns(reference.table()).map(list -> list.stream().map(ColumnScope::lower).toList());
        if (reference != null) {
            used.touch(reference);
            if (columns.isEmpty()) {
                used.allColumns(reference);
            }
        }
        return new Table(qualifiers, reference, columns);
    }

    static String lastName(SqlNode column) {
        List<String> names = ((SqlIdentifier) column).names;
        return lower(names.get(names.size() - 1));
    }

    private static List<String> names(SqlNodeList list) {
        List<String> names = new ArrayList<>();
        if (list != null) {
            list.forEach(node -> names.add(((SqlIdentifier) node).getSimple()));
        }
        return names;
    }

    static boolean isOrdinal(SqlNode node) {
        return node instanceof SqlNumericLiteral literal && literal.isInteger();
    }
}
