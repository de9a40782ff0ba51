package io.lakegate.engine;

import static java.util.Objects.requireNonNull;

import io.lakegate.catalog.LakeCatalog;
import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.cluster.Cluster;
import io.lakegate.engine.connect.ConnectSession;
import io.lakegate.engine.connect.ExecutionApproval;
import io.lakegate.engine.frontend.Analysis;
import io.lakegate.engine.frontend.SparkIdentifiers;
import io.lakegate.engine.frontend.SessionContext;
import io.lakegate.engine.frontend.StatementType;
import io.lakegate.engine.operation.OperationManager;
import io.lakegate.engine.operation.QueryOperation;
import io.lakegate.engine.policy.AccessControl;
import io.lakegate.engine.policy.AuthorizedStatement;
import io.lakegate.policy.Principal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's session: its current database and Spark settings, and the statements it runs. The session keeps its own
 * state, so that when its cluster is replaced the new cluster's session starts where the old one was.
 */
public final class Session implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    /**
     * Progress every second instead of Spark's two: finer progress for clients, and a stopped statement's first job
     * is seen sooner (see {@link Statement}). A session's own setting wins.
     */
    private static final Map<String, String> CONNECT_DEFAULTS = Map.of("spark.connect.progress.reportInterval", "1s");
    /**
     * Spark's {@code ${...}} substitution reads any setting, the catalog's URL and credentials included, and the
     * cluster's environment ({@code ${env:...}}): off on every cluster, on again for unrestricted sessions only.
     */
    static final String VARIABLE_SUBSTITUTION = "spark.sql.variable.substitute";
    private static final String CATALOG_SETTINGS = "spark.sql.catalog.";
    private static final String DEFAULT_CATALOG = "spark.sql.defaultCatalog";

    private final Engine engine;
    private final String id = UUID.randomUUID().toString();
    private final String user;
    private final Map<String, String> conf;
    private final Set<String> groups;
    private final Optional<String> clientAddress;
    private final Optional<String> actingAccount;
    private final boolean restricted;
    private final boolean internal;
    private final Set<Statement> statements = ConcurrentHashMap.newKeySet();
    private final Set<String> temporaryViews = ConcurrentHashMap.newKeySet();
    private volatile String currentCatalog;
    private volatile String currentDatabase;
    private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
    private volatile long lastUsedNanos = System.nanoTime();
    private Cluster cluster;
    private ConnectSession connect;
    private volatile boolean closed;

    /**
     * @param internal the engine's host works in it for itself ({@link Engine#openInternalSession}): policies do not
     *     apply
     */
    Session(Engine engine, SessionSpec spec, String database, boolean restricted, boolean internal) {
        this.engine = requireNonNull(engine, "engine is null");
        this.user = spec.user();
        this.restricted = restricted;
        this.internal = internal;
        if (restricted) {
            spec.conf().keySet().stream().sorted().forEach(key -> engine.settingsGuard().requireSettable(key, user));
        }
        this.conf = new ConcurrentHashMap<>(spec.conf());
        this.groups = spec.groups();
        this.clientAddress = spec.clientAddress();
        this.actingAccount = spec.actingAccount();
        this.currentCatalog = engine.catalog().name();
        this.currentDatabase = requireNonNull(database, "database is null");
    }

    /** A unique id, for logs and for protocol handles. */
    public String id() {
        return id;
    }

    public String user() {
        return user;
    }

    public String currentDatabase() {
        return currentDatabase;
    }

    /** The catalog unqualified names resolve in; {@code USE catalog.db} changes it. */
    public String currentCatalog() {
        return currentCatalog;
    }

    /** The Spark settings of the session: those it was opened with, as SET and RESET changed them since. */
    public Map<String, String> conf() {
        return Map.copyOf(conf);
    }

    /** Whether the session may change and read only the allowed settings ({@link SessionSpec#restricted()}). */
    public boolean isRestricted() {
        return restricted;
    }

    /**
     * Refuses, with SQLSTATE 42000, a setting this session's user may not change; for protocols that carry settings
     * beside the statement (HiveServer2's confOverlay). Unrestricted sessions may change any.
     */
    public void requireSettable(String key) {
        if (restricted) {
            engine.settingsGuard().requireSettable(key, user);
        }
    }

    /**
     * The front end's reading of a statement, with names resolved as this session resolves them now. A restricted
     * session's statement that changes or reads a setting it may not is refused here, before it reaches a cluster.
     */
    Analysis analyze(String sql) {
        Analysis analysis = engine.frontEnd().analyze(sql, new SessionContext(currentCatalog, currentDatabase,
                Set.copyOf(temporaryViews), Set.of(engine.catalog().name()),
                Boolean.parseBoolean(conf.getOrDefault("spark.sql.caseSensitive", "false").trim())));
        if (restricted) {
            engine.settingsGuard().check(sql, analysis.type(), user);
        }
        return analysis;
    }

    /**
     * The statement as it may run for this session's user: checked against the access policies and rewritten so
     * that they hold.
     *
     * @throws LakegateException with SQLSTATE 42000 when the policies deny it
     */
    AuthorizedStatement authorize(Analysis analysis, String statementId) {
        if (internal) {
            return new AuthorizedStatement(analysis.sql(), ExecutionApproval.unrestrictedApproval());
        }
        AccessControl access = engine.access();
        return access.authorize(principal(access), analysis,
                new AccessControl.StatementContext(id, statementId, currentDatabase));
    }

    Engine engine() {
        return engine;
    }

    /** The engine's catalog as this session's user may see it: what the policies let it read, and nothing else. */
    public LakeCatalog catalog() {
        if (internal) {
            return engine.catalog();
        }
        AccessControl access = engine.access();
        return access.visibleCatalog(principal(access));
    }

    /** Who the session acts for as the policies see them now (the users file may have changed the groups since). */
    private Principal principal(AccessControl access) {
        return access.principal(user, groups, clientAddress).actedForBy(actingAccount);
    }

    /**
     * Brings the session's own state up to date after a statement succeeded, so that later statements resolve their
     * names as Spark does and a new cluster's session can be set up the same way.
     */
    void applied(Analysis analysis, ConnectSession connect) {
        if (analysis.type().category() == StatementType.Category.DDL) {
            engine.catalogChanged();
        }
        switch (analysis.type()) {
            case USE -> readCurrentNamespace(connect);
            case SET -> SessionSettings.assignment(analysis.sql()).ifPresent(entry -> conf.put(entry.getKey(),
                    entry.getValue()));
            case RESET -> reset(SessionSettings.resetKey(analysis.sql()), connect);
            case CREATE_VIEW -> analysis.temporaryView().ifPresent(temporaryViews::add);
            case DROP -> analysis.temporaryView().ifPresent(temporaryViews::remove);
            default -> {
                // Other statements leave the session as it was.
            }
        }
    }

    /**
     * Spark's RESET restores the cluster's settings, and with them drops the session's own defaults
     * ({@link #sessionDefaults}): they are set again. For a restricted session substitution stays off meanwhile, as
     * the cluster has it off.
     */
    private void reset(Optional<String> key, ConnectSession connect) {
        key.ifPresentOrElse(conf::remove, conf::clear);
        Map<String, String> defaults = new HashMap<>(sessionDefaults());
        key.ifPresent(reset -> defaults.keySet().retainAll(Set.of(reset)));
        if (restricted) {
            defaults.putAll(restrictedConf());
        }
        connect.setConf(defaults);
    }

    /** What a new Spark Connect session gets before the session's own settings. */
    private Map<String, String> sessionDefaults() {
        Map<String, String> defaults = new HashMap<>(CONNECT_DEFAULTS);
        if (!restricted) {
            // Today's behaviour for unrestricted users, whom the cluster's own setting (off) would otherwise change.
            defaults.put(VARIABLE_SUBSTITUTION, "true");
        }
        return defaults;
    }

    /** What a restricted session has whatever it was opened with: its own settings cannot change these. */
    private static Map<String, String> restrictedConf() {
        return Map.of(VARIABLE_SUBSTITUTION, "false");
    }

    /** Spark knows best which catalog and database a USE chose: it resolved the name. */
    private void readCurrentNamespace(ConnectSession connect) {
        Namespace.current(connect, engine.allocator()).ifPresent(current -> {
            currentCatalog = current.catalog();
            currentDatabase = current.database();
        });
    }

    /** A statement runner of this session; close it, or the session, when done. */
    public Statement createStatement() {
        return register(new Statement(this, false));
    }

    /**
     * Runs one statement as an operation of the engine's {@link OperationManager}: counted against the session's and
     * user's limits, with a query timeout (zero for none) and closed by the engine once unused for its idle timeout.
     * An asynchronous one returns at once, while the statement runs on the engine's statement threads.
     */
    public QueryOperation submit(String sql, boolean async, Duration queryTimeout) {
        used();
        return engine.operations().submit(this, sql, async, queryTimeout);
    }

    /** Runs one statement on a statement runner of its own, which closing the result releases. */
    public StatementResult execute(String sql) {
        used();
        Statement statement = register(new Statement(this, true));
        try {
            return statement.execute(sql);
        } catch (RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Statement runners not closed yet. */
    int openStatements() {
        return statements.size();
    }

    /** A caller used the session: its idle time starts again. */
    public void used() {
        lastUsedNanos = System.nanoTime();
    }

    /** How long since a caller last used the session. */
    public long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    /** Runs when the session closes, whoever closes it (its owner, the engine's idle reaper, the engine's close). */
    public void whenClosed(Runnable listener) {
        closeListeners.add(requireNonNull(listener, "listener is null"));
    }

    /**
     * Statements whose open result nobody has read for this long: a forgotten result must not keep its memory and its
     * execution on the cluster. Closing them may wait for the cluster, so the caller does it off its timer.
     */
    public List<Statement> statementsIdleFor(Duration limit) {
        long limitNanos = limit.toNanos();
        return statements.stream()
                .filter(statement -> !statement.isClosed() && statement.resultIdleNanos().orElse(0) > limitNanos)
                .toList();
    }

    /** False from the moment the session starts closing; never waits (a cluster start holds the session's lock). */
    public boolean isOpen() {
        return !closed;
    }

    private Statement register(Statement statement) {
        synchronized (this) {
            ensureOpen();
            statements.add(statement);
        }
        return statement;
    }

    /**
     * The Spark Connect session on the engine's current cluster, made anew, with this session's state, when the
     * cluster has changed since the last statement.
     */
    synchronized ConnectSession connectSession() {
        ensureOpen();
        if (cluster != null && !cluster.isAlive()) {
            String stopped = cluster.id();
            unbind();
            // Going on silently would hide that temporary views and settings made with SET are gone.
            throw new LakegateException(SqlStates.CONNECTION_FAILURE, "The Spark cluster " + stopped
                    + " that this session ran on has stopped, and the session's state there (temporary views, "
                    + "cached tables, settings) is lost. Run the statement again to continue on a new cluster.");
        }
        Cluster current = engine.clusters().acquire();
        if (current != cluster || connect == null) {
            ConnectSession fresh = current.client().openSession(user);
            try {
                Map<String, String> effective = new HashMap<>(sessionDefaults());
                effective.putAll(conf);
                if (restricted) {
                    effective.putAll(restrictedConf());
                }
                fresh.setConf(effective);
                if (startsIn(current, effective)) {
                    LOG.debug("Session {} starts where cluster {} starts its sessions: no USE", id, current.id());
                } else {
                    fresh.run("USE " + SparkIdentifiers.quoteDotted(currentCatalog + "." + currentDatabase),
                            engine.allocator());
                }
            } catch (RuntimeException e) {
                fresh.close();
                throw e;
            }
            if (connect != null) {
                LOG.info("Session {} moves from cluster {} to {}", id, cluster.id(), current.id());
            }
            cluster = current;
            connect = fresh;
        }
        return connect;
    }

    /**
     * Whether a new Spark Connect session on the cluster, with these settings, starts where this session is, so that
     * it needs no USE: a round trip saved on every session's first statement. Settings that name catalogs or the
     * default one could move where it starts, so with any of them the USE is made.
     */
    private boolean startsIn(Cluster current, Map<String, String> effective) {
        boolean catalogsAsOnTheCluster = effective.keySet().stream()
                .noneMatch(key -> key.startsWith(CATALOG_SETTINGS) || key.equals(DEFAULT_CATALOG));
        return catalogsAsOnTheCluster && engine.startingNamespace(current)
                .filter(new Namespace(currentCatalog, currentDatabase)::equals)
                .isPresent();
    }

    /** After a statement lost its cluster: the next statement needs a new one, and the user has been told. */
    synchronized void statementLostCluster(ConnectSession failed) {
        if (connect == failed && !cluster.isAlive()) {
            unbind();
        }
    }

    private void unbind() {
        cluster = null;
        connect = null;
    }

    BufferAllocator newAllocator(String name) {
        return engine.allocator().newChildAllocator(name, 0, Long.MAX_VALUE);
    }

    void forget(Statement statement) {
        statements.remove(statement);
    }

    /** Cancels the session's statements and releases its state on the cluster. Calling it again does nothing. */
    @Override
    public void close() {
        ConnectSession toRelease;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toRelease = connect;
            connect = null;
        }
        statements.forEach(Statement::close);
        if (toRelease != null) {
            toRelease.close();
        }
        engine.forget(this);
        closeListeners.forEach(Runnable::run);
        LOG.info("Session {} of {} closed", id, user);
    }

    private void ensureOpen() {
        if (closed) {
            throw new LakegateException(SqlStates.INVALID_STATE, "The session is closed");
        }
    }
}
