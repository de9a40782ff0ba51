package io.lakegate.cluster.runtime.spark;

import java.util.Map;
import org.apache.spark.SparkThrowable;

/**
 * The cluster's refusal of a statement whose analysed plan the gateway did not approve. A {@link SparkThrowable}, so
 * that Spark Connect reports it to the gateway with its condition and SQLSTATE 42000 (access rule violation).
 */
final class LakegateRefusal extends RuntimeException implements SparkThrowable {
    static final String CONDITION = "LAKEGATE_REFUSED";
    private static final long serialVersionUID = 1L;
    private static final String SQL_STATE = "42000";

    LakegateRefusal(String reason) {
        super("Lakegate refused the statement on the cluster: " + reason);
    }

    @Override
    public String getCondition() {
        return CONDITION;
    }

    @Override
    public String getSqlState() {
        return SQL_STATE;
    }

    @Override
    public Map<String, String> getMessageParameters() {
        return Map.of();
    }
}
