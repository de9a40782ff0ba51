package io.lakegate.engine.frontend;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlPivot;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSnapshot;
import org.apache.calcite.sql.SqlUnpivot;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Walks a parsed statement and notes every name that stands for a table: in FROM and JOIN, in subqueries anywhere
 * (SELECT list, WHERE, HAVING, IN, EXISTS), in set operations and CTEs, and the targets of DML. A name that a CTE in
 * scope defines is not a table; neither are aliases, which only ever follow a table.
 */
final class ReferenceCollector {
    /** A table name as written, with its place in the statement. */
    record Found(List<String> names, int start, int end, Optional<String> alias, TableReference.Access access) {}

    /**
     * Reads names from Spark's tokens at the place Calcite found them, never from Calcite's identifiers, whose text
     * may be a stand-in; refuses a place that is not exactly a dotted name of Spark's tokens.
     */
    interface Names {
        List<String> parts(int start, int end, int expectedParts);
    }

    private final TextPositions positions;
    private final Names names;
    private final boolean caseSensitive;
    private final List<Found> found = new ArrayList<>();

    private ReferenceCollector(TextPositions positions, Names names, boolean caseSensitive) {
        this.positions = positions;
        this.names = names;
        this.caseSensitive = caseSensitive;
    }

    /** The table names of a statement that Calcite parsed from the text {@code positions} maps. */
    static List<Found> collect(SqlNode statement, TextPositions positions, Names names, boolean caseSensitive) {
        ReferenceCollector collector = new ReferenceCollector(positions, names, caseSensitive);
        collector.statement(statement);
        return collector.found;
    }

    private void statement(SqlNode node) {
        Set<String> noCtes = Set.of();
        if (node instanceof SqlInsert insert) {
            target(insert.getTargetTable(), noCtes);
            query(insert.getSource(), noCtes);
        } else if (node instanceof SqlUpdate update) {
            target(update.getTargetTable(), update.getAlias(), noCtes);
            expression(update.getSourceExpressionList(), noCtes);
            expression(update.getCondition(), noCtes);
        } else if (node instanceof SqlDelete delete) {
            target(delete.getTargetTable(), delete.getAlias(), noCtes);
            expression(delete.getCondition(), noCtes);
        } else if (node instanceof SqlMerge merge) {
            target(merge.getTargetTable(), merge.getAlias(), noCtes);
            from(merge.getSourceTableRef(), noCtes);
            expression(merge.getCondition(), noCtes);
            expression(merge.getUpdateCall(), noCtes);
            expression(merge.getInsertCall(), noCtes);
        } else {
            query(node, noCtes);
        }
    }

    private void query(SqlNode node, Set<String> ctes) {
        if (node instanceof SqlSelect select) {
            from(select.getFrom(), ctes);
            for (SqlNode clause : new SqlNode[] {
                select.getSelectList(), select.getWhere(), select.getGroup(), select.getHaving(),
                select.getWindowList(), select.getQualify(), select.getOrderList(), select.getOffset(),
                select.getFetch()
            }) {
                expression(clause, ctes);
            }
        } else if (node instanceof SqlOrderBy orderBy) {
            query(orderBy.query, ctes);
            expression(orderBy.orderList, ctes);
        } else if (node instanceof SqlWith with) {
            Set<String> scope = new HashSet<>(ctes);
            for (SqlNode item : with.withList) {
                SqlWithItem withItem = (SqlWithItem) item;
                // A CTE sees the ones before it; its own name means itself only in WITH RECURSIVE, else the table.
                String name = normal(simple(withItem.name));
                if (withItem.recursive.booleanValue()) {
                    scope.add(name);
                }
                query(withItem.query, Set.copyOf(scope));
                scope.add(name);
            }
            query(with.body, Set.copyOf(scope));
        } else if (node instanceof SqlCall call && call.getKind() == SqlKind.EXPLICIT_TABLE) {
            from(call.operand(0), ctes);
        } else {
            expression(node, ctes);
        }
    }

    private void from(SqlNode node, Set<String> ctes) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlIdentifier identifier) {
            table(identifier, Optional.empty(), TableReference.Access.READ, ctes);
        } else if (node instanceof SqlJoin join) {
            from(join.getLeft(), ctes);
            from(join.getRight(), ctes);
            expression(join.getCondition(), ctes);
        } else if (node instanceof SqlCall call && call.getKind() == SqlKind.AS) {
            SqlNode item = call.operand(0);
            if (item instanceof SqlIdentifier identifier) {
                table(identifier, Optional.of(simple((SqlIdentifier) call.operand(1))),
                        TableReference.Access.READ, ctes);
            } else {
                from(item, ctes);
            }
        } else if (node instanceof SqlSnapshot snapshot) {
            from(snapshot.getTableRef(), ctes);
            expression(snapshot.getPeriod(), ctes);
        } else if (node instanceof SqlCall call && (call.getKind() == SqlKind.TABLE_REF
                || call.getKind() == SqlKind.TABLESAMPLE || call.getKind() == SqlKind.LATERAL)) {
            from(call.operand(0), ctes);
            for (int i = 1; i < call.operandCount(); i++) {
                expression(call.operand(i), ctes);
            }
        } else if (node instanceof SqlPivot pivot) {
            from(pivot.query, ctes);
            expression(pivot.aggList, ctes);
            expression(pivot.inList, ctes);
        } else if (node instanceof SqlUnpivot unpivot) {
            from(unpivot.query, ctes);
            expression(unpivot.inList, ctes);
        } else if (node.getKind() == SqlKind.SELECT || node.getKind() == SqlKind.ORDER_BY
                || node.getKind() == SqlKind.WITH || node.getKind().belongsTo(SqlKind.SET_QUERY)
                || node.getKind() == SqlKind.VALUES || node.getKind() == SqlKind.EXPLICIT_TABLE
                || node.getKind() == SqlKind.COLLECTION_TABLE || node.getKind() == SqlKind.UNNEST
                || node instanceof SqlBasicCall call && call.getOperator() instanceof SqlFunction) {
            query(node, ctes);
        } else {
            // A FROM item of another kind may hold a table this walk would not see: refuse, never guess.
            throw new Unsupported("a FROM item of kind " + node.getKind() + " is not understood");
        }
    }

    /** A parsed form whose table references this walk cannot find. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Anything that may hold a subquery: a call's operands, a list's elements. */
    private void expression(SqlNode node, Set<String> ctes) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlSelect || node instanceof SqlOrderBy || node instanceof SqlWith) {
            query(node, ctes);
        } else if (node instanceof SqlNodeList list) {
            list.forEach(element -> expression(element, ctes));
        } else if (node instanceof SqlCall call) {
            if (call.getKind() == SqlKind.EXPLICIT_TABLE || call.getKind() == SqlKind.TABLE_REF) {
                from(call, ctes);
                return;
            }
            for (SqlNode operand : call.getOperandList()) {
                if (call instanceof SqlBasicCall && call.getKind().belongsTo(SqlKind.SET_QUERY)) {
                    query(operand, ctes);
                } else {
                    expression(operand, ctes);
                }
            }
        }
    }

    private void target(SqlNode node, Set<String> ctes) {
        if (node instanceof SqlCall call && call.getKind() == SqlKind.AS) {
            target(call.operand(0), (SqlIdentifier) call.operand(1), ctes);
        } else {
            target(node, null, ctes);
        }
    }

    private void target(SqlNode node, SqlIdentifier alias, Set<String> ctes) {
        if (node instanceof SqlIdentifier identifier) {
            table(identifier, Optional.ofNullable(alias).map(this::simple),
                    TableReference.Access.WRITE, ctes);
        } else {
            from(node, ctes);
        }
    }

    private void table(
            SqlIdentifier identifier, Optional<String> alias, TableReference.Access access, Set<String> ctes) {
        SqlParserPos position = identifier.getParserPosition();
        int start = positions.start(position);
        int end = positions.end(position);
        List<String> parts = names.parts(start, end, identifier.names.size());
        if (parts.size() == 1 && ctes.contains(normal(parts.get(0)))) {
            return;
        }
        found.add(new Found(parts, start, end, alias, access));
    }

    /** A one-part name (an alias, a CTE's name) as Spark's tokens spell it. */
    private String simple(SqlIdentifier identifier) {
        SqlParserPos position = identifier.getParserPosition();
        return names.parts(positions.start(position), positions.end(position), 1).get(0);
    }

    /** CTE names compare as Spark's resolver compares them: ignoring case unless spark.sql.caseSensitive is on. */
    private String normal(String name) {
        return caseSensitive ? name : name.toLowerCase(Locale.ROOT);
    }
}
