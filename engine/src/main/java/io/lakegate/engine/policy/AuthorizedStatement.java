package io.lakegate.engine.policy;

import static java.util.Objects.requireNonNull;

import io.lakegate.engine.connect.ExecutionApproval;

/**
 * A statement the policies allow, as it runs: the user's text with each protected table read through its filter and
 * masks, and what the cluster is to check it against.
 */
public record AuthorizedStatement(String sql, ExecutionApproval approval) {
    public AuthorizedStatement {
        requireNonNull(sql, "sql is null");
        requireNonNull(approval, "approval is null");
    }
}
