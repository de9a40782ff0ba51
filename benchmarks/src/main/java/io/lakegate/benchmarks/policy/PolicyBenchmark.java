package io.lakegate.benchmarks.policy;

import io.lakegate.benchmarks.frontend.TpchStatements;
import io.lakegate.catalog.CatalogConfig;
import io.lakegate.catalog.LakeCatalog;
import io.lakegate.common.Settings;
import io.lakegate.engine.frontend.CatalogNames;
import io.lakegate.engine.frontend.FrontEnd;
import io.lakegate.engine.frontend.SessionContext;
import io.lakegate.engine.policy.AccessControl;
import io.lakegate.policy.PolicyEngine;
import io.lakegate.policy.Principal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the front end and the policies add to each statement of a restricted user: analysis, the access checks of
 * every table and column, and the rewrite that applies a row filter and a column mask on every TPC-H table, over the
 * TPC-H queries but Q15. The catalog is a real Iceberg JDBC catalog (SQLite) and the policies are Ranger's, evaluated by
 * Ranger's engine from a policy file; decisions are cached per user, table and policy version, as in the gateway.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.nio=ALL-UNNAMED")
public class PolicyBenchmark {
    private static final SessionContext SESSION = new SessionContext("lakehouse", TpchStatements.DATABASE, Set.of());
    private static final AccessControl.StatementContext STATEMENT =
            new AccessControl.StatementContext("session", "statement", TpchStatements.DATABASE);

    /** A catalog with the TPC-H tables and policies that filter and mask each of them for the analyst. */
    @State(Scope.Thread)
    public static class Policed {
        Path directory;
        LakeCatalog catalog;
        PolicyEngine policies;
        FrontEnd frontEnd;
        AccessControl access;
        Principal analyst;
        String[] statements;
        int next;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            directory = Files.createTempDirectory("lakegate-policy-benchmark");
            Path policyFile = directory.resolve("policies.json");
            Path usersFile = directory.resolve("users");
            Files.writeString(usersFile, "analyst: analysts\n");
            Files.writeString(policyFile, TpchPolicies.filterAndMaskEveryTable("analysts"));
            Settings settings = Settings.of(Map.of(
                    "lakegate.data.dir", directory.toString(),
                    "lakegate.policy.file", policyFile.toString(),
                    "lakegate.policy.users-file", usersFile.toString()));
            CatalogConfig config = CatalogConfig.from(settings);
            TpchPolicies.createTables(config);
            catalog = LakeCatalog.open(config);
            policies = PolicyEngine.open(settings);
            CatalogNames names = new CatalogNames(catalog);
            frontEnd = new FrontEnd(names, names);
            access = new AccessControl(policies, catalog, frontEnd);
            analyst = policies.principal("analyst", Set.of(), Optional.empty());
            statements = TpchStatements.all().entrySet().stream()
                    // Q15 reads the view its first statement creates, which only a cluster can make.
                    .filter(entry -> !entry.getKey().startsWith("q15"))
                    .map(Map.Entry::getValue)
                    .toArray(String[]::new);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            policies.close();
            catalog.close();
        }

        String nextStatement() {
            String sql = statements[next];
            next = (next + 1) % statements.length;
            return sql;
        }
    }

    /** Front end, checks and rewrite of each statement in turn: the distribution over the TPC-H mix. */
    @Benchmark
    public String frontEndPoliciesAndRewrite(Policed state) {
        return state.access.authorize(state.analyst, state.frontEnd.analyze(state.nextStatement(), SESSION),
                STATEMENT).sql();
    }
}
