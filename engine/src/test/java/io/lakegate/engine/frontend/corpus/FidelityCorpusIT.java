package io.lakegate.engine.frontend.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.engine.Engine;
import io.lakegate.engine.Session;
import io.lakegate.engine.SessionSpec;
import io.lakegate.engine.SharedEngine;
import io.lakegate.engine.StatementResult;
import io.lakegate.engine.frontend.Analysis;
import io.lakegate.engine.frontend.FrontEnd;
import io.lakegate.engine.frontend.SessionContext;
import io.lakegate.engine.frontend.TableReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front end's fidelity on the TPC-H and TPC-DS queries: each query runs as written, and with every table it reads
 * replaced by an identity subquery at the place the front end found it. If the front end finds a reference that is not
 * there (a CTE's name, a column), or gets a span or an alias wrong, the second text fails or returns other rows. The
 * second text runs in an empty database, where the queries' unqualified names resolve to nothing: a reference the
 * front end misses fails it too, since only the replacements name their tables in full.
 */
@ExtendWith(SharedEngine.class)
class FidelityCorpusIT {
    private static final Logger LOG = LoggerFactory.getLogger(FidelityCorpusIT.class);
    private static final String CATALOG = "lakehouse";
    private static final Path DATA_DIR = Path.of("target", "corpus-data").toAbsolutePath();
    private static final String EMPTY_DATABASE = "corpus_empty";

    /** Queries that cannot run on Spark, with why; they are not run. */
    private static final Map<String, String> EXCLUDED = Map.of(
            "tpcds/q90", "divides by a count of web sales that is 0 at scale 0.01, which Spark's ANSI mode refuses");

    /**
     * At least this many queries must pass: every one of the 125 (22 TPC-H, 103 TPC-DS with the four two-query
     * templates split) that is not excluded, as of the front end's first version.
     */
    private static final int MINIMUM_PASSING = 124;

    /** Sessions by database: the queries' own, and the empty one for the substituted texts. */
    private static final Map<String, Session> SESSIONS = new HashMap<>();

    @BeforeAll
    static void loadData(Engine engine) {
        try (Session loader = engine.openSession(SessionSpec.forUser("corpus"))) {
            CorpusData.load(loader, DATA_DIR);
            read(loader, "CREATE NAMESPACE IF NOT EXISTS " + EMPTY_DATABASE);
        }
        for (String database : List.of("tpch", "tpcds", EMPTY_DATABASE)) {
            SESSIONS.put(database, engine.openSession(SessionSpec.forUser("corpus").withDatabase(database)));
        }
    }

    @AfterAll
    static void closeSessions() {
        SESSIONS.values().forEach(Session::close);
    }

    @Test
    void everyQueryReturnsTheSameRowsWithItsReadsReplacedByIdentitySubqueries() {
        FrontEnd frontEnd = new FrontEnd();
        List<String> failures = new ArrayList<>();
        int passed = 0;
        for (CorpusQuery query : Corpus.all()) {
            if (EXCLUDED.containsKey(query.name())) {
                continue;
            }
            long start = System.nanoTime();
            Optional<String> failure = check(frontEnd, query);
            LOG.info("{} {} in {} ms", query.name(), failure.map(reason -> "failed: " + reason).orElse("passed"),
                    (System.nanoTime() - start) / 1_000_000);
            if (failure.isPresent()) {
                failures.add(query.name() + ": " + failure.get());
            } else {
                passed++;
            }
        }
        String report = passed + " passed, " + failures.size() + " failed"
                + failures.stream().map(failure -> "\n  " + failure).reduce("", String::concat);
        System.out.println(report);
        assertThat(passed).as(report).isGreaterThanOrEqualTo(MINIMUM_PASSING);
    }

    private static Optional<String> check(FrontEnd frontEnd, CorpusQuery query) {
        Session session = SESSIONS.get(query.database());
        ResultTable expected;
        try {
            query.setup().forEach(statement -> read(session, statement));
            expected = read(session, query.sql());
        } catch (RuntimeException e) {
            return Optional.of("fails on Spark as written: " + firstLine(e));
        }
        Analysis analysis;
        try {
            analysis = frontEnd.analyze(query.sql(), new SessionContext(CATALOG, query.database(), Set.of()));
        } catch (RuntimeException e) {
            return Optional.of("the front end threw " + e);
        }
        if (!analysis.isUnderstood()) {
            return Optional.of("not understood: " + analysis.parseFailure().orElseThrow());
        }
        if (analysis.tablesRead().isEmpty()) {
            return Optional.of("no table read found");
        }
        String substituted = analysis.substitute(FidelityCorpusIT::identitySubquery);
        if (substituted.equals(query.sql())) {
            return Optional.of("the substitution changed nothing");
        }
        ResultTable actual;
        try {
            actual = read(SESSIONS.get(EMPTY_DATABASE), substituted);
        } catch (RuntimeException e) {
            return Optional.of("substituted text fails: " + firstLine(e) + "\n    text: " + substituted);
        }
        return actual.difference(expected, SqlText.hasTopLevelOrderBy(query.sql()))
                .map(difference -> "substituted text returns " + difference + "\n    text: " + substituted);
    }

    /**
     * The same rows under the same name: a name without alias is replaced together with the name it is known by,
     * a name with an alias keeps that alias, which follows it in the text.
     */
    private static Optional<String> identitySubquery(TableReference reference) {
        if (reference.access() != TableReference.Access.READ) {
            return Optional.empty();
        }
        String subquery = "(SELECT * FROM " + reference.table().quoted() + ")";
        return Optional.of(reference.alias().isPresent() ? subquery
                : subquery + " AS " + SqlText.quote(reference.visibleName()));
    }

    private static ResultTable read(Session session, String sql) {
        try (StatementResult result = session.execute(sql)) {
            return ResultTable.read(result);
        }
    }

    private static String firstLine(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
