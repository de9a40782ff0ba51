package io.lakegate.engine.frontend.corpus;

import java.util.List;

/**
 * One query of the corpus.
 *
 * @param name the benchmark and the query's number, such as {@code tpch/q15}
 * @param database the database its unqualified names resolve in
 * @param setup statements that must run first, as written (TPC-H Q15 creates the view it reads)
 * @param sql the query as Spark runs it
 */
record CorpusQuery(String name, String database, List<String> setup, String sql) {
    CorpusQuery {
        setup = List.copyOf(setup);
    }
}
