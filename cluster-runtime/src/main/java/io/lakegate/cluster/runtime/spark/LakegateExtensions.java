package io.lakegate.cluster.runtime.spark;

import org.apache.spark.sql.SparkSessionExtensions;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Lakegate's Spark session extension, listed in {@code spark.sql.extensions} after Iceberg's: it adds the check of
 * every analysed plan against the gateway's approval ({@link PlanVerifier}). A check rule sees the plan once analysis,
 * Iceberg's rules and Spark's own checks are done, before anything is optimised or run; procedures, which Spark runs
 * during analysis, are stopped earlier ({@link ProcedureGuard}).
 */
public final class LakegateExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        extensions.injectHintResolutionRule(session -> new ProcedureGuard(session));
        extensions.injectCheckRule(session -> new PlanVerifier(session));
        return BoxedUnit.UNIT;
    }
}
