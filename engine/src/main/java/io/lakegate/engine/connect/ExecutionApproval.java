package io.lakegate.engine.connect;

import static java.util.Objects.requireNonNull;

import io.lakegate.cluster.runtime.Approval;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * What the gateway approved for one execution, which the cluster checks against Spark's own analysed plan before the
 * statement runs (defence in depth: what the gateway's analysis missed, the cluster refuses). It travels as a Spark
 * Connect operation tag of the execution, which user SQL can neither read nor set.
 *
 * <p>Names are fully qualified and compared in lower case: {@code catalog.db.table}; an Iceberg metadata table or
 * branch by its own name ({@code lakehouse.db.t.snapshots}). {@code read} holds every table and view the statement
 * reads, and for a view both the view and the base tables under it, as Spark resolves them. The gateway's rewrite
 * must read each protected table as {@code (SELECT <masked columns> FROM catalog.db.t AS <nonceAlias()> WHERE
 * <filter>) AS alias}: on the cluster, a relation of a protected table anywhere else is refused.
 *
 * @param unrestricted nothing is checked beyond the approval's presence: for admins, users without policies, and
 *     the engine's own statements
 * @param nonce random per execution: 16 lower-case hex digits
 * @param read approved for reading
 * @param written approved write targets (INSERT, MERGE, UPDATE, DELETE, CTAS and DDL targets)
 * @param protectedTables the tables with a row filter, a mask or a column restriction for the user
 * @param described the tables and views DESCRIBE and SHOW may show: readable, and no column of them denied
 */
public record ExecutionApproval(
        boolean unrestricted, String nonce, Set<String> read, Set<String> written, Set<String> protectedTables,
        Set<String> described) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 8;
    private static final ExecutionApproval UNRESTRICTED =
            new ExecutionApproval(true, "", Set.of(), Set.of(), Set.of(), Set.of());

    public ExecutionApproval {
        requireNonNull(nonce, "nonce is null");
        read = Set.copyOf(read);
        written = Set.copyOf(written);
        protectedTables = Set.copyOf(protectedTables);
        described = Set.copyOf(described);
    }

    /** An approval that lets the statement run as it is. */
    public static ExecutionApproval unrestrictedApproval() {
        return UNRESTRICTED;
    }

    /** A restricted approval with a fresh nonce. */
    public static ExecutionApproval restricted(
            Set<String> read, Set<String> written, Set<String> protectedTables, Set<String> described) {
        byte[] bytes = new byte[NONCE_BYTES];
        RANDOM.nextBytes(bytes);
        return new ExecutionApproval(false, HexFormat.of().formatHex(bytes), read, written, protectedTables,
                described);
    }

    /** The alias the gateway's rewrite must give each protected table: {@code __lakegate_<nonce>}. */
    public String nonceAlias() {
        return Approval.NONCE_ALIAS_PREFIX + nonce;
    }

    /** The operation tag that carries the approval to the cluster. */
    String tag() {
        return new Approval(unrestricted, nonce, read, written, protectedTables, described).toTag();
    }

    @Override
    public String toString() {
        // The nonce stays out of logs: it must not be learnt while the execution runs.
        return unrestricted ? "ExecutionApproval[unrestricted]" : "ExecutionApproval[read=" + read + ", written="
                + written + ", protected=" + protectedTables + ", described=" + described + "]";
    }
}
