package io.lakegate.engine;

import io.lakegate.common.ConfigKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** The engine's configuration keys. Keys starting with {@code spark.} are passed to every cluster as they are. */
public final class EngineConfigKeys {
    public static final ConfigKey<Path> WORK_DIR = ConfigKey.derived(
            "lakegate.work.dir",
            "<lakegate.data.dir>/work",
            "Where the engine keeps cluster logs and the clusters' temporary files",
            Path::of);
    public static final ConfigKey<Duration> CLUSTER_START_TIMEOUT = ConfigKey.duration(
            "lakegate.cluster.start-timeout",
            Duration.ofMinutes(3),
            "How long a new cluster may take to answer before its start counts as failed");
    public static final ConfigKey<Duration> CALL_TIMEOUT = ConfigKey.duration(
            "lakegate.cluster.call-timeout",
            Duration.ofMinutes(2),
            "How long a cluster may take to answer a request other than a statement's results (settings, a cancel, "
                    + "closing a session) before the request fails with SQLSTATE HYT00");
    public static final ConfigKey<Duration> STREAM_IDLE_TIMEOUT = ConfigKey.duration(
            "lakegate.cluster.stream-idle-timeout",
            Duration.ofMinutes(30),
            "How long a running statement's cluster may send nothing, neither rows nor progress, before the "
                    + "statement is abandoned with SQLSTATE HYT00; progress comes as tasks finish, so this must exceed "
                    + "the longest task");
    public static final ConfigKey<Duration> KEEPALIVE_TIME = ConfigKey.duration(
            "lakegate.cluster.keepalive-time",
            Duration.ofMinutes(5),
            "How long the connection to a cluster may stay silent while requests are under way before the engine "
                    + "pings it; Spark Connect drops connections that ping more often than every 5m");
    public static final ConfigKey<Duration> KEEPALIVE_TIMEOUT = ConfigKey.duration(
            "lakegate.cluster.keepalive-timeout",
            Duration.ofSeconds(20),
            "How long a ping may go unanswered before the connection to a cluster counts as dead and its requests "
                    + "fail with SQLSTATE 08006; also how often each cluster is asked for an answer and how long it may "
                    + "take to give it: a cluster that runs but misses that is stopped and replaced");
    public static final ConfigKey<String> LOCAL_CLASSPATH = ConfigKey.derived(
            "lakegate.cluster.local.classpath",
            "the runtime resolved by the Maven build",
            "Classpath of local clusters (Spark Connect, the Iceberg runtime, JDBC drivers); an entry ending in /* "
                    + "stands for every jar of a directory",
            Function.identity());
    public static final ConfigKey<Path> LOCAL_JAVA = ConfigKey.derived(
            "lakegate.cluster.local.java",
            "the java that runs the engine",
            "The java executable that runs local clusters (Java 17 or newer)",
            Path::of);
    public static final ConfigKey<String> LOCAL_MASTER = ConfigKey.string(
            "lakegate.cluster.local.master",
            "local[*]",
            "Spark master of local clusters: local[*] uses every core, local[N] uses N");
    public static final ConfigKey<String> LOCAL_MEMORY = ConfigKey.string(
            "lakegate.cluster.local.memory", "2g", "Heap of a local cluster's JVM (its -Xmx)");
    public static final ConfigKey<String> LOCAL_JVM_OPTIONS = ConfigKey.string(
            "lakegate.cluster.local.jvm-options", "", "Further JVM options for local clusters, separated by spaces");

    public static final ConfigKey<Long> RESULT_MEMORY = ConfigKey.bytes(
            "lakegate.engine.result-memory",
            "1g",
            "Off-heap memory for the result batches of all open statements together; a statement that needs more "
                    + "fails with SQLSTATE 53200");

    public static final ConfigKey<Integer> OPERATION_THREADS = positiveInteger("lakegate.engine.operation-threads",
            64, "Threads that run asynchronous statements until their first rows arrive; more wait in a queue");
    public static final ConfigKey<Integer> MAX_SESSIONS = positiveInteger("lakegate.engine.max-sessions", 1000,
            "Sessions open at once, for all users together; opening one more fails with SQLSTATE 53300");
    public static final ConfigKey<Integer> MAX_SESSIONS_PER_USER = positiveInteger(
            "lakegate.engine.max-sessions-per-user", 1000,
            "Sessions one user may have open at once; opening one more fails with SQLSTATE 53300");
    public static final ConfigKey<Integer> MAX_OPERATIONS_PER_SESSION = positiveInteger(
            "lakegate.engine.max-operations-per-session", 500,
            "Operations (statements and metadata listings not closed yet) one session may hold; one more fails "
                    + "with SQLSTATE 53300");
    public static final ConfigKey<Integer> MAX_OPERATIONS_PER_USER = positiveInteger(
            "lakegate.engine.max-operations-per-user", 5000,
            "Operations one user's sessions may hold together; one more fails with SQLSTATE 53300");
    public static final ConfigKey<Duration> SESSION_IDLE_TIMEOUT = ConfigKey.duration(
            "lakegate.engine.session-idle-timeout", Duration.ofHours(6),
            "A session unused for this long is closed, with its statements");
    public static final ConfigKey<Duration> OPERATION_IDLE_TIMEOUT = ConfigKey.duration(
            "lakegate.engine.operation-idle-timeout", Duration.ofHours(3),
            "An operation or result unused for this long is closed, which stops its statement and frees its memory");

    public static final ConfigKey<String> SESSION_ALLOWED_SETTINGS = ConfigKey.string(
            "lakegate.session.allowed-settings",
            "spark.sql.shuffle.partitions, spark.sql.session.timeZone, spark.sql.ansi.enabled, "
                    + "spark.sql.adaptive.enabled, spark.sql.adaptive.coalescePartitions.enabled, "
                    + "spark.sql.adaptive.skewJoin.enabled, spark.sql.autoBroadcastJoinThreshold, "
                    + "spark.sql.broadcastTimeout, spark.sql.files.maxPartitionBytes, spark.sql.files.openCostInBytes, "
                    + "spark.sql.legacy.timeParserPolicy, spark.sql.datetime.java8API.enabled, "
                    + "spark.sql.orderByOrdinal, spark.sql.groupByOrdinal, spark.sql.crossJoin.enabled, "
                    + "spark.sql.sources.partitionOverwriteMode, spark.sql.storeAssignmentPolicy, "
                    + "spark.sql.timestampType, spark.sql.mapKeyDedupPolicy, hive.exec.dynamic.partition, "
                    + "hive.exec.dynamic.partition.mode",
            "Settings that users whom policies restrict may change and read with SET, RESET or when a session "
                    + "opens: keys, or prefixes ending in *, separated by commas; catalog, file-system, parser, "
                    + "code-loading and redaction settings are refused whatever this lists");

    public static final List<ConfigKey<?>> ALL = List.of(
            WORK_DIR,
            RESULT_MEMORY,
            OPERATION_THREADS,
            MAX_SESSIONS,
            MAX_SESSIONS_PER_USER,
            MAX_OPERATIONS_PER_SESSION,
            MAX_OPERATIONS_PER_USER,
            SESSION_IDLE_TIMEOUT,
            OPERATION_IDLE_TIMEOUT,
            CLUSTER_START_TIMEOUT,
            CALL_TIMEOUT,
            STREAM_IDLE_TIMEOUT,
            KEEPALIVE_TIME,
            KEEPALIVE_TIMEOUT,
            LOCAL_CLASSPATH,
            LOCAL_JAVA,
            LOCAL_MASTER,
            LOCAL_MEMORY,
            LOCAL_JVM_OPTIONS,
            SESSION_ALLOWED_SETTINGS);

    private EngineConfigKeys() {}

    private static ConfigKey<Integer> positiveInteger(String name, int defaultValue, String description) {
        return ConfigKey.integer(name, defaultValue, 1, Integer.MAX_VALUE, description);
    }
}
