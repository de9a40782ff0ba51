package io.lakegate.cluster.runtime.spark;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Refuses {@code CALL} of a catalog procedure before it runs, for a statement without an unrestricted approval. Spark
 * 4.1 runs procedures during analysis ({@code InvokeProcedures}, an analyzer rule), so the check of the analysed
 * plan would come too late; this rule sits in the analyzer's hint batch, which runs before resolution, and so sees
 * the parsed {@code Call} first. Dynamic SQL is refused here for the same reason: its text is parsed during
 * resolution, after this batch.
 */
final class ProcedureGuard extends Rule<LogicalPlan> {
    private final SparkSession session;

    ProcedureGuard(SparkSession session) {
        this.session = session;
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        String found = runsDuringAnalysis(plan);
        if (found != null && !PlanVerifier.currentApproval(session).unrestricted()) {
            throw new LakegateRefusal(found + ", which the gateway never approves for a user with policies");
        }
        return plan;
    }

    /**
     * What in the parsed plan would run before the analysed plan can be checked: a procedure, or dynamic SQL (whose
     * text, parsed only during resolution, could hold one).
     */
    private static String runsDuringAnalysis(LogicalPlan plan) {
        String name = plan.nodeName();
        if (name.equals("Call")) {
            return "it runs a catalog procedure";
        }
        if (name.contains("ExecuteImmediate")) {
            return "it runs dynamic SQL (EXECUTE IMMEDIATE)";
        }
        for (LogicalPlan child : CollectionConverters.asJava(plan.children())) {
            String found = runsDuringAnalysis(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
