package io.lakegate.engine.policy;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * What the gateway approved for one execution, for the cluster to check against Spark's own plan.
 *
 * @param unrestricted the principal is not restricted by any policy: the cluster checks nothing
 * @param nonce the random name part of the alias under which each protected table is read in the rewrite
 * @param read tables and views the statement may read, {@code catalog.database.table} in lower case
 * @param written tables the statement may write
 * @param protectedTables the tables of {@code read} that may be read only through the rewrite
 */
public record Approval(
        boolean unrestricted, String nonce, Set<String> read, Set<String> written, Set<String> protectedTables) {
    public Approval {
        requireNonNull(nonce, "nonce is null");
        read = Set.copyOf(read);
        written = Set.copyOf(written);
        protectedTables = Set.copyOf(protectedTables);
    }

    static Approval everything() {
        return new Approval(true, "", Set.of(), Set.of(), Set.of());
    }

    /** The alias a protected table is read under in this execution. */
    static String protectedAlias(String nonce) {
        return "__lakegate_" + nonce;
    }
}
