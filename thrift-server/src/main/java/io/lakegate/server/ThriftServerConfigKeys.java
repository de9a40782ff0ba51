package io.lakegate.server;

import io.lakegate.common.ConfigKey;
import java.time.Duration;
import java.util.List;

/** The configuration keys of the HiveServer2 server. */
public final class ThriftServerConfigKeys {
    public static final ConfigKey<String> HOST = ConfigKey.string("lakegate.server.host", "127.0.0.1",
            "Address both transports listen on; 0.0.0.0 listens on every interface");
    public static final ConfigKey<Integer> PORT = new ConfigKey<>("lakegate.server.port", 10000, "10000",
            "TCP port of the binary transport (SASL PLAIN and NOSASL on the same port); 0 picks a free port",
            text -> inRange("lakegate.server.port", text, 0, 65535));
    public static final ConfigKey<Integer> HTTP_PORT = new ConfigKey<>("lakegate.server.http.port", 10001, "10001",
            "TCP port of the HTTP transport (Thrift over POST); 0 picks a free port",
            text -> inRange("lakegate.server.http.port", text, 0, 65535));
    public static final ConfigKey<String> HTTP_PATH = new ConfigKey<>("lakegate.server.http.path", "cliservice",
            "cliservice", "URL path of the HTTP transport, as clients give it in httpPath",
            ThriftServerConfigKeys::httpPath);
    public static final ConfigKey<Duration> HTTP_COOKIE_MAX_AGE = ConfigKey.duration(
            "lakegate.server.http.cookie-max-age", Duration.ofHours(1),
            "How long the session cookie of the HTTP transport spares a client from sending its password again");
    public static final ConfigKey<Integer> MAX_REQUEST_BYTES = new ConfigKey<>("lakegate.server.max-request-bytes",
            8 * 1024 * 1024, "8388608",
            "Largest Thrift call (or HTTP request body) a client may send, in bytes; a larger one is refused and its "
                    + "connection closed. Answers are not bound by it",
            text -> inRange("lakegate.server.max-request-bytes", text, 1024, Integer.MAX_VALUE));
    public static final ConfigKey<Duration> HANDSHAKE_TIMEOUT = positiveDuration("lakegate.server.handshake-timeout",
            Duration.ofSeconds(30),
            "How long a new connection may take to finish its TLS handshake, to send its first byte and, with SASL, to "
                    + "authenticate");
    public static final ConfigKey<Duration> READ_TIMEOUT = positiveDuration("lakegate.server.read-timeout",
            Duration.ofMinutes(2),
            "How long a client may take to send the rest of a call it has begun; a slower one is closed");
    public static final ConfigKey<Duration> CONNECTION_IDLE_TIMEOUT = positiveDuration(
            "lakegate.server.connection-idle-timeout", Duration.ofHours(6),
            "A connection that sends nothing for this long, with no call running, is closed with its sessions");
    public static final ConfigKey<Integer> MAX_CONNECTIONS = new ConfigKey<>("lakegate.server.max-connections", 1000,
            "1000", "Connections each transport (binary, HTTP) accepts at once; one beyond that is closed at once",
            text -> inRange("lakegate.server.max-connections", text, 1, Integer.MAX_VALUE));
    public static final ConfigKey<Integer> MAX_CONNECTIONS_PER_ADDRESS = new ConfigKey<>(
            "lakegate.server.max-connections-per-address", 200, "200",
            "Connections each transport accepts at once from one client address; one beyond that is closed at once",
            text -> inRange("lakegate.server.max-connections-per-address", text, 1, Integer.MAX_VALUE));
    public static final ConfigKey<Integer> WORKER_THREADS = new ConfigKey<>("lakegate.server.worker-threads", 64,
            "64", "Threads that answer Thrift calls, so that no call runs on a network thread",
            text -> inRange("lakegate.server.worker-threads", text, 1, 10_000));
    public static final ConfigKey<Integer> FETCH_SIZE = new ConfigKey<>("lakegate.server.fetch-size", 10_000,
            "10000", "Rows per fetch that the server suggests, when they open a session, to clients that set none: "
                    + "one Spark result batch, so that an answer carries a whole batch (max-fetch-bytes still bounds it)",
            text -> inRange("lakegate.server.fetch-size", text, 1, Integer.MAX_VALUE));
    public static final ConfigKey<Integer> MAX_FETCH_ROWS = new ConfigKey<>("lakegate.server.max-fetch-rows", 100_000,
            "100000", "Most rows one FetchResults call returns, whatever the client asks for, to bound memory",
            text -> inRange("lakegate.server.max-fetch-rows", text, 1, Integer.MAX_VALUE));
    public static final ConfigKey<Long> MAX_FETCH_BYTES = ConfigKey.bytes("lakegate.server.max-fetch-bytes", "32m",
            "A FetchResults answer ends at the first row that brings it to this size (the values on the wire), "
                    + "whatever the rows asked for, so that wide rows cannot build huge answers; it always holds one "
                    + "row");
    public static final ConfigKey<Duration> STATUS_WAIT = ConfigKey.duration("lakegate.server.status-wait",
            Duration.ofMillis(500),
            "How long GetOperationStatus waits for a running statement to finish (or fail) before it answers "
                    + "that it still runs");
    public static final ConfigKey<Duration> FETCH_WAIT = ConfigKey.duration("lakegate.server.fetch-wait",
            Duration.ofSeconds(1),
            "How long after it began a FetchResults call that already holds rows waits for the next ones before it "
                    + "answers with those it has, so that the first rows of a slow query are not held until the "
                    + "client's fetch size is reached; a call that holds none waits until rows come or the result "
                    + "ends");
    public static final ConfigKey<Boolean> SAMPLES = ConfigKey.bool("lakegate.server.samples", true,
            "At start, creates the samples database (TPC-H tables at scale 0.01) when the catalog has none");
    public static final ConfigKey<Boolean> WARM_UP = ConfigKey.bool("lakegate.server.warm-up", true,
            "At start, before it says it is ready, the server runs a few statements through its own call handlers and "
                    + "the cluster, so that the first clients do not pay for cold code; a failure is logged, never "
                    + "fatal. Tests that start many servers turn it off");

    /** Every key of the server, in the order the documentation lists them. */
    public static final List<ConfigKey<?>> ALL = List.of(HOST, PORT, HTTP_PORT, HTTP_PATH, HTTP_COOKIE_MAX_AGE,
            MAX_REQUEST_BYTES, HANDSHAKE_TIMEOUT, READ_TIMEOUT, CONNECTION_IDLE_TIMEOUT, MAX_CONNECTIONS,
            MAX_CONNECTIONS_PER_ADDRESS, WORKER_THREADS, FETCH_SIZE, MAX_FETCH_ROWS, MAX_FETCH_BYTES, STATUS_WAIT,
            FETCH_WAIT, SAMPLES, WARM_UP);

    private ThriftServerConfigKeys() {}

    private static Integer inRange(String key, String text, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: " + min + " to " + max + ")");
        }
        return value;
    }

    private static ConfigKey<Duration> positiveDuration(String name, Duration defaultValue, String description) {
        ConfigKey<Duration> plain = ConfigKey.duration(name, defaultValue, description);
        return new ConfigKey<>(name, defaultValue, plain.defaultDescription(), description, text -> {
            Duration value = plain.parser().apply(text);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("expected a duration above zero");
            }
            return value;
        });
    }

    private static String httpPath(String text) {
        String path = text.trim().replaceAll("^/+|/+$", "");
        if (path.isEmpty() || path.contains("?") || path.contains("#")) {
            throw new IllegalArgumentException("expected a URL path such as cliservice");
        }
        return path;
    }
}
