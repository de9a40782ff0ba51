package io.lakegate.engine.frontend.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.engine.frontend.Analysis;
import io.lakegate.engine.frontend.ColumnUse;
import io.lakegate.engine.frontend.FrontEnd;
import io.lakegate.engine.frontend.SchemaResolver;
import io.lakegate.engine.frontend.SessionContext;
import io.lakegate.engine.frontend.TableName;
import io.lakegate.engine.frontend.TableReference;
import io.lakegate.engine.frontend.ViewResolver;
import io.trino.tpcds.Table;
import io.trino.tpcds.column.Column;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The columns the 22 TPC-H queries and the TPC-DS queries use, against their schemas. Every column name of both
 * carries its table's prefix, so the columns a query uses of a table are exactly those of its columns that the text
 * names: the analysis must find those, no more (a false use would be a false denial) and no star.
 */
class ColumnUseCorpusTest {
    /** A setup statement that defines a view, after the file's header comment. */
    private static final Pattern VIEW =
            Pattern.compile("(?is)^(?:--[^\\n]*\\n)*\\s*CREATE OR REPLACE VIEW (\\w+) AS\\s+(.*)$");

    @TestFactory
    List<DynamicTest> tpchQueriesUseExactlyTheColumnsTheyName() {
        Map<String, List<String>> schemas = new HashMap<>();
        for (TpchTable<?> table : TpchTable.getTables()) {
            schemas.put(table.getTableName(), table.getColumns().stream().map(TpchColumn::getColumnName).toList());
        }
        return Corpus.tpch().stream().map(query -> DynamicTest.dynamicTest(query.name(), () -> check(query, schemas)))
                .toList();
    }

    @TestFactory
    List<DynamicTest> tpcdsQueriesUseExactlyTheColumnsTheyName() {
        Map<String, List<String>> schemas = new HashMap<>();
        for (Table table : Table.getBaseTables()) {
            schemas.put(table.getName(), Arrays.stream(table.getColumns()).map(Column::getName).toList());
        }
        return Corpus.tpcds().stream().map(query -> DynamicTest.dynamicTest(query.name(), () -> check(query, schemas)))
                .toList();
    }

    private static void check(CorpusQuery query, Map<String, List<String>> schemas) {
        SessionContext session = new SessionContext("lakehouse", query.database(), Set.of());
        Map<TableName, ViewResolver.ViewText> views = new HashMap<>();
        for (String setup : query.setup()) {
            Matcher view = VIEW.matcher(setup.strip());
            assertThat(view.matches()).as(setup).isTrue();
            views.put(new TableName("lakehouse", query.database(), view.group(1)),
                    new ViewResolver.ViewText(view.group(2), session));
        }
        SchemaResolver schemaResolver = table -> table.database().equals(query.database())
                ? Optional.ofNullable(schemas.get(table.table())).or(() -> viewColumns(views.get(table)))
                : Optional.empty();
        FrontEnd frontEnd = new FrontEnd(name -> Optional.ofNullable(views.get(name)), schemaResolver);
        Analysis analysis = frontEnd.analyze(query.sql(), session);
        assertThat(analysis.isUnderstood()).as(analysis.summary()).isTrue();
        checkExact(analysis, schemaResolver);
        analysis.views().values().forEach(definition -> checkExact(definition, schemaResolver));
    }

    private static void checkExact(Analysis analysis, SchemaResolver schemas) {
        Set<String> words = words(analysis.sql());
        Map<TableName, Set<String>> usedByTable = new LinkedHashMap<>();
        for (TableReference reference : analysis.references()) {
            ColumnUse use = analysis.columnUse().get(reference);
            assertThat(use).as("use of %s", reference).isNotNull();
            assertThat(use.allColumns()).as("star over %s", reference).isFalse();
            List<String> columns = schemas.columns(reference.table()).orElseThrow();
            assertThat(columns).as("columns of %s", reference).containsAll(use.columns());
            usedByTable.computeIfAbsent(reference.table(), table -> new LinkedHashSet<>()).addAll(use.columns());
        }
        usedByTable.forEach((table, used) -> {
            Set<String> named = new LinkedHashSet<>(schemas.columns(table).orElseThrow());
            named.retainAll(words);
            assertThat(used).as("columns of %s", table).containsExactlyInAnyOrderElementsOf(named);
        });
    }

    /** The output names of a view that the test defines: the aliases of its select list. */
    private static Optional<List<String>> viewColumns(ViewResolver.ViewText view) {
        if (view == null) {
            return Optional.empty();
        }
        Matcher alias = Pattern.compile("(?i)\\bAS\\s+(\\w+)").matcher(view.sql());
        List<String> names = new ArrayList<>();
        while (alias.find()) {
            names.add(alias.group(1).toLowerCase(Locale.ROOT));
        }
        return Optional.of(names);
    }

    private static Set<String> words(String sql) {
        Set<String> words = new LinkedHashSet<>();
        Matcher word = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*").matcher(sql.replaceAll("'[^']*'", "''"));
        while (word.find()) {
            words.add(word.group().toLowerCase(Locale.ROOT));
        }
        return words;
    }
}
