package io.lakegate.benchmarks.frontend;

import io.lakegate.engine.frontend.Analysis;
import io.lakegate.engine.frontend.FrontEnd;
import io.lakegate.engine.frontend.SessionContext;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the front end adds to each statement: {@link FrontEnd#analyze} and a {@link Analysis#substitute} that replaces
 * every table read, over the TPC-H statements. Sampled, so that the distribution (p50, p99) of single statements is
 * reported, not only a mean.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrontEndBenchmark {
    private static final SessionContext SESSION = new SessionContext("lakehouse", TpchStatements.DATABASE, Set.of());

    /** One statement, chosen by name, so that each gets its own distribution. */
    @State(Scope.Benchmark)
    public static class OneStatement {
        @Param({"q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11", "q12", "q13", "q14", "q15-view",
                "q15", "q16", "q17", "q18", "q19", "q20", "q21", "q22"})
        public String statement;

        final FrontEnd frontEnd = new FrontEnd();
        String sql;

        @Setup
        public void load() {
            sql = TpchStatements.all().get(statement);
        }
    }

    /** Every statement in turn, one per call: the distribution over the whole query mix. */
    @State(Scope.Thread)
    public static class EveryStatement {
        final FrontEnd frontEnd = new FrontEnd();
        String[] statements;
        int next;

        @Setup
        public void load() {
            statements = TpchStatements.all().values().toArray(String[]::new);
        }

        String nextStatement() {
            String sql = statements[next];
            next = (next + 1) % statements.length;
            return sql;
        }
    }

    @Benchmark
    public String perStatement(OneStatement state) {
        return analyzeAndSubstitute(state.frontEnd, state.sql);
    }

    @Benchmark
    public String mix(EveryStatement state) {
        return analyzeAndSubstitute(state.frontEnd, state.nextStatement());
    }

    private static String analyzeAndSubstitute(FrontEnd frontEnd, String sql) {
        return frontEnd.analyze(sql, SESSION).substitute(IdentitySubstitution::of);
    }
}
