package io.lakegate.engine;

import static java.util.Objects.requireNonNull;

import io.lakegate.catalog.CatalogConfig;
import io.lakegate.catalog.LakeCatalog;
import io.lakegate.catalog.NoSuchDatabaseException;
import io.lakegate.cluster.runtime.RuntimeClasspath;
import io.lakegate.common.LakegateException;
import io.lakegate.common.Settings;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.cluster.Cluster;
import io.lakegate.engine.cluster.ClusterLauncher;
import io.lakegate.engine.cluster.ClusterPool;
import io.lakegate.engine.cluster.LocalClusterLauncher;
import io.lakegate.engine.cluster.LocalClusterSettings;
import io.lakegate.engine.connect.ConnectSession;
import io.lakegate.engine.connect.ConnectTimeouts;
import io.lakegate.engine.frontend.CatalogNames;
import io.lakegate.engine.frontend.FrontEnd;
import io.lakegate.engine.frontend.SparkIdentifiers;
import io.lakegate.engine.operation.OperationLimits;
import io.lakegate.engine.operation.OperationManager;
import io.lakegate.engine.policy.AccessControl;
import io.lakegate.policy.PolicyEngine;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lakegate's engine, for embedding: opens sessions that run Spark SQL on Spark clusters over the Iceberg catalog, and
 * lists that catalog without a cluster. Clusters start when the first statement needs one.
 *
 * <pre>{@code
 * try (Engine engine = Engine.start(Settings.of(Map.of("lakegate.data.dir", "/var/lib/lakegate")));
 *         Session session = engine.openSession(SessionSpec.forUser("alice"));
 *         StatementResult result = session.execute("SELECT * FROM orders")) {
 *     while (result.hasNext()) {
 *         ColumnBatch batch = result.next();
 *         // read batch.column(0) ...
 *     }
 * }
 * }</pre>
 *
 * <p>Arrow needs {@code --add-opens=java.base/java.nio=ALL-UNNAMED} on the JVM that embeds the engine.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final String ENGINE_USER = "lakegate";
    /** Small batches keep the gateway's memory per open result small; Spark's own default is about 90 MB. */
    private static final String DEFAULT_ARROW_BATCH_BYTES = "4m";
    /**
     * Partitions of a range or local relation per core of a local cluster. A paced result hands a partition to the
     * gateway once its task has encoded all of it, so its first row waits for a whole partition: with Spark's default
     * of one partition per core, half of {@code range(10000000)} on two cores.
     */
    private static final int LEAF_PARTITIONS_PER_CORE = 8;
    private static final Pattern LOCAL_MASTER_CORES = Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?]");

    private final CatalogConfig catalogConfig;
    private final LakeCatalog catalog;
    private final ClusterPool clusters;
    private final BufferAllocator allocator;
    private final CatalogNames catalogNames;
    private final FrontEnd frontEnd;
    private final AccessControl access;
    private final SettingsGuard settingsGuard;
    private final OperationManager operations;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook = new Thread(this::close, "lakegate-engine-shutdown");
    private volatile boolean closed;
    private volatile ClusterNamespace startingNamespace;

    private Engine(CatalogConfig catalogConfig, LakeCatalog catalog, PolicyEngine policies, ClusterLauncher launcher,
            long resultMemory, SettingsGuard settingsGuard, OperationLimits limits) {
        this.allocator = new RootAllocator(resultMemory);
        this.operations = new OperationManager(limits);
        this.settingsGuard = settingsGuard;
        this.catalogConfig = catalogConfig;
        this.catalog = catalog;
        this.catalogNames = new CatalogNames(catalog);
        this.frontEnd = new FrontEnd(catalogNames, catalogNames);
        this.access = new AccessControl(policies, catalog, frontEnd);
        this.clusters = new ClusterPool(launcher, "local", this::prepare);
        // A stopped JVM must not leave clusters behind; the clusters also watch for the engine's death themselves.
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts an engine with local clusters; no cluster runs until a statement needs one. */
    public static Engine start(Settings settings) {
        requireNonNull(settings, "settings is null");
        CatalogConfig catalogConfig = CatalogConfig.from(settings);
        LocalClusterSettings local = localClusterSettings(settings, catalogConfig);
        SettingsGuard settingsGuard = allowedSettings(settings);
        LakeCatalog catalog = LakeCatalog.open(catalogConfig);
        PolicyEngine policies;
        try {
            policies = PolicyEngine.open(settings);
        } catch (RuntimeException e) {
            catalog.close();
            throw e;
        }
        LOG.info("Engine started: catalog {} at {}, warehouse {}, work directory {}",
                catalogConfig.name(), catalogConfig.uri(), catalogConfig.warehouse(), local.workDirectory());
        return new Engine(catalogConfig, catalog, policies, new LocalClusterLauncher(local),
                settings.get(EngineConfigKeys.RESULT_MEMORY), settingsGuard, operationLimits(settings));
    }

    private static OperationLimits operationLimits(Settings settings) {
        return validated("session or operation limits", () -> new OperationLimits(
                settings.get(EngineConfigKeys.OPERATION_THREADS),
                settings.get(EngineConfigKeys.MAX_SESSIONS),
                settings.get(EngineConfigKeys.MAX_SESSIONS_PER_USER),
                settings.get(EngineConfigKeys.MAX_OPERATIONS_PER_SESSION),
                settings.get(EngineConfigKeys.MAX_OPERATIONS_PER_USER),
                settings.get(EngineConfigKeys.SESSION_IDLE_TIMEOUT),
                settings.get(EngineConfigKeys.OPERATION_IDLE_TIMEOUT)));
    }

    /** Settings that each parse but do not fit together are refused at start with what is wrong. */
    private static <T> T validated(String what, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE, "Invalid " + what + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Opens a session; its database must exist. Starts no cluster. Fails with SQLSTATE 53300 when the engine or the
     * user has as many sessions open as {@link OperationLimits} allow.
     */
    public Session openSession(SessionSpec spec) {
        requireNonNull(spec, "spec is null");
        ensureOpen();
        operations.reserveSession(spec.user());
        Session session;
        try {
            session = newSession(spec);
        } catch (RuntimeException e) {
            operations.sessionAbandoned(spec.user());
            throw e;
        }
        sessions.add(session);
        operations.sessionOpened(session);
        LOG.info("Session {} opened for {} in database {}{}", session.id(), spec.user(), session.currentDatabase(),
                session.isRestricted() ? ", restricted to the allowed settings" : "");
        return session;
    }

    private Session newSession(SessionSpec spec) {
        String database = spec.database().orElse(catalogConfig.defaultDatabase());
        if (!database.equals(catalogConfig.defaultDatabase()) && !catalog.databaseExists(database)) {
            throw new NoSuchDatabaseException(database);
        }
        boolean restricted = spec.restricted()
                || access.restricts(access.principal(spec.user(), spec.groups(), spec.clientAddress())
                        .actedForBy(spec.actingAccount()));
        return new Session(this, spec, database, restricted, false);
    }

    /**
     * Opens a session for the embedding application's own work, such as loading sample data, in the default
     * database: no policy applies to it. Never use one for statements a client sent.
     */
    public Session openInternalSession() {
        ensureOpen();
        Session session = new Session(this, SessionSpec.forUser(ENGINE_USER), catalogConfig.defaultDatabase(), false,
                true);
        sessions.add(session);
        LOG.info("Internal session {} opened", session.id());
        return session;
    }

    /**
     * Starts a cluster now rather than at the first statement, so that the first user does not wait for it: what a
     * server does at start. Does nothing while a cluster runs.
     */
    public void warmUp() {
        ensureOpen();
        clusters.acquire();
    }

    /** Bytes of Arrow memory that open results hold now: for monitoring, and for checks that nothing leaked. */
    public long resultMemoryBytes() {
        return allocator.getAllocatedMemory();
    }

    /** The Iceberg catalog the engine's clusters use, for listings that need no cluster. */
    public LakeCatalog catalog() {
        return catalog;
    }

    /** Closes every session, stops the clusters and releases the catalog. Calling it again does nothing. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down and this is the hook running.
        }
        sessions.forEach(Session::close);
        operations.close();
        clusters.close();
        allocator.close();
        access.policies().close();
        try {
            catalog.close();
        } catch (Exception e) {
            LOG.warn("Could not close the catalog", e);
        }
        LOG.info("Engine stopped");
    }

    SettingsGuard settingsGuard() {
        return settingsGuard;
    }

    ClusterPool clusters() {
        return clusters;
    }

    BufferAllocator allocator() {
        return allocator;
    }

    FrontEnd frontEnd() {
        return frontEnd;
    }

    /** A statement of the engine changed the catalog: schemas known from before are read again. */
    void catalogChanged() {
        catalogNames.forget();
        access.forget();
    }

    /** The policies, for the engine's own use and for listings that must show only what a user may see. */
    public AccessControl access() {
        return access;
    }

    /**
     * The sessions' and operations' lifecycle: limits, statement threads, timeouts and the reaper of what is left
     * unused, for the server and for embedding applications alike.
     */
    public OperationManager operations() {
        return operations;
    }

    void forget(Session session) {
        sessions.remove(session);
        operations.sessionClosed(session);
    }

    /**
     * Every new cluster gets the default database, so unqualified names work from the first statement; and the
     * engine learns where the cluster's new sessions start, which spares sessions that start there a USE.
     */
    private void prepare(Cluster cluster) {
        try (ConnectSession setup = cluster.client().openSession(ENGINE_USER)) {
            String database = catalogConfig.name() + "." + catalogConfig.defaultDatabase();
            setup.run("CREATE NAMESPACE IF NOT EXISTS " + SparkIdentifiers.quoteDotted(database), allocator);
            Namespace.current(setup, allocator).ifPresent(namespace ->
                    startingNamespace = new ClusterNamespace(cluster, namespace));
        }
    }

    /** Where a new Spark Connect session on the cluster starts, when the engine learned it as it prepared it. */
    Optional<Namespace> startingNamespace(Cluster cluster) {
        ClusterNamespace learned = startingNamespace;
        return learned != null && learned.cluster() == cluster ? Optional.of(learned.namespace()) : Optional.empty();
    }

    private record ClusterNamespace(Cluster cluster, Namespace namespace) {}

    private void ensureOpen() {
        if (closed) {
            throw new LakegateException(SqlStates.INVALID_STATE, "The engine is closed");
        }
    }

    private static LocalClusterSettings localClusterSettings(Settings settings, CatalogConfig catalogConfig) {
        Path workDirectory = settings.find(EngineConfigKeys.WORK_DIR)
                .orElse(catalogConfig.dataDir().resolve("work"))
                .toAbsolutePath();
        String classpath = settings.find(EngineConfigKeys.LOCAL_CLASSPATH)
                .or(RuntimeClasspath::fromBuild)
                .orElseThrow(() -> new LakegateException(SqlStates.INVALID_PARAMETER_VALUE,
                        "No cluster runtime: set " + EngineConfigKeys.LOCAL_CLASSPATH.name()
                                + " to the Spark runtime's jars"));
        Path java = settings.find(EngineConfigKeys.LOCAL_JAVA)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
        String jvmOptions = settings.get(EngineConfigKeys.LOCAL_JVM_OPTIONS).strip();
        return new LocalClusterSettings(
                java,
                classpath,
                settings.get(EngineConfigKeys.LOCAL_MASTER),
                settings.get(EngineConfigKeys.LOCAL_MEMORY),
                jvmOptions.isEmpty() ? List.of() : Arrays.asList(jvmOptions.split("\\s+")),
                workDirectory,
                settings.get(EngineConfigKeys.CLUSTER_START_TIMEOUT),
                clusterSparkConf(settings, catalogConfig),
                connectTimeouts(settings));
    }

    private static ConnectTimeouts connectTimeouts(Settings settings) {
        return validated("cluster timeouts", () -> new ConnectTimeouts(
                settings.get(EngineConfigKeys.CALL_TIMEOUT),
                settings.get(EngineConfigKeys.STREAM_IDLE_TIMEOUT),
                settings.get(EngineConfigKeys.KEEPALIVE_TIME),
                settings.get(EngineConfigKeys.KEEPALIVE_TIMEOUT)));
    }

    private static SettingsGuard allowedSettings(Settings settings) {
        return validated(EngineConfigKeys.SESSION_ALLOWED_SETTINGS.name(),
                () -> SettingsGuard.parse(settings.get(EngineConfigKeys.SESSION_ALLOWED_SETTINGS)));
    }

    /**
     * The Iceberg catalog exactly as the engine sees it (without Spark's table cache: every statement loads the tables
     * it reads as committed now), then the user's {@code spark.*} settings. Variable
     * substitution is off on every cluster, whatever the settings say, so that RESET in a restricted session (which
     * restores the cluster's settings) cannot turn it on; unrestricted sessions turn it on for themselves.
     */
    static Map<String, String> clusterSparkConf(Settings settings, CatalogConfig catalogConfig) {
        String catalogKey = "spark.sql.catalog." + catalogConfig.name();
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
        conf.put(catalogKey, "org.apache.iceberg.spark.SparkCatalog");
        catalogConfig.icebergProperties().forEach((key, value) -> conf.put(catalogKey + "." + key, value));
        conf.put("spark.sql.defaultCatalog", catalogConfig.name());
        // New Connect sessions then start in the default database, and sessions that stay there need no USE.
        conf.put(catalogKey + ".default-namespace", catalogConfig.defaultDatabase());
        // Each Spark session would otherwise keep the tables it loaded for 30 s: a long-lived session then reads the
        // old contents of a table another session has replaced, dropped or written since.
        conf.put(catalogKey + ".cache-enabled", "false");
        conf.put("spark.sql.catalogImplementation", "in-memory");
        conf.put("spark.connect.grpc.arrow.maxBatchSize", DEFAULT_ARROW_BATCH_BYTES);
        localCores(settings.get(EngineConfigKeys.LOCAL_MASTER)).ifPresent(cores -> conf.put(
                "spark.sql.leafNodeDefaultParallelism", String.valueOf(LEAF_PARTITIONS_PER_CORE * cores)));
        conf.putAll(settings.withPrefix("spark."));
        conf.put(Session.VARIABLE_SUBSTITUTION, "false");
        return conf;
    }

    /** The cores a local master runs tasks on: {@code local}, {@code local[N]} or {@code local[*]}, retries or not. */
    static OptionalInt localCores(String master) {
        if (master.equals("local")) {
            return OptionalInt.of(1);
        }
        Matcher matcher = LOCAL_MASTER_CORES.matcher(master);
        if (!matcher.matches()) {
            return OptionalInt.empty();
        }
        String cores = matcher.group(1);
        return OptionalInt.of(cores.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(cores));
    }
}
