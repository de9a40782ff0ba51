package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.common.Settings;
import io.lakegate.engine.Engine;
import io.lakegate.server.auth.Authentication;
import io.lakegate.server.cli.CliLimits;
import io.lakegate.server.cli.CliService;
import io.lakegate.server.cli.ClientConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TCloseSessionReq;
import org.apache.hive.service.rpc.thrift.TGetCatalogsReq;
import org.apache.hive.service.rpc.thrift.TGetInfoReq;
import org.apache.hive.service.rpc.thrift.TGetInfoType;
import org.apache.hive.service.rpc.thrift.TOpenSessionReq;
import org.apache.hive.service.rpc.thrift.TOpenSessionResp;
import org.apache.hive.service.rpc.thrift.TOperationHandle;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.apache.hive.service.rpc.thrift.TStatusCode;
import org.apache.thrift.TBase;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.THttpClient;
import org.apache.thrift.transport.TSaslClientTransport;
import org.apache.thrift.transport.TSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded random fuzzing of the transport edge: SASL framing and negotiation, NOSASL, HTTP, and calls of every
 * TCLIService function made from the generated classes' metadata, damaged or made hostile. The inputs go through the
 * real pipelines on embedded channels (no sockets), on as many threads as the machine has cores, for a fixed time;
 * then some go over sockets to a real server, and real clients show it still answers. Nothing may escape a handler,
 * take long, leak a buffer (Netty's detector runs at paranoid, see the build), log a stack trace, or log more than
 * the rate limit allows. The seed is printed; {@code -Dlakegate.fuzz.seed=N} replays a run ({@code
 * -Dlakegate.fuzz.threads=1} for the very same order of calls), {@code -Dlakegate.fuzz.seed=random} explores.
 */
class TransportFuzzTest {
    private static final String SEED_PROPERTY = System.getProperty("lakegate.fuzz.seed", "3141592653");
    private static final long SEED = SEED_PROPERTY.equals("random") ? System.nanoTime() : Long.parseLong(SEED_PROPERTY);
    private static final int THREADS = Integer.getInteger("lakegate.fuzz.threads", 2);
    private static final Duration EMBEDDED_BUDGET = Duration.ofSeconds(30);
    private static final Duration SOCKET_BUDGET = Duration.ofSeconds(6);
    /**
     * Enough inputs for every function and way in to have been mutated many times over: a floor of coverage, not of
     * speed (a quiet 2-core machine runs several hundred thousand, one busy with other builds a tenth of that).
     */
    private static final int MIN_INPUTS = Integer.getInteger("lakegate.fuzz.min-inputs", 20_000);
    private static final Duration MAX_INPUT_TIME = Duration.ofSeconds(2);
    private static final int TEMPLATES_PER_FUNCTION = 8;
    private static final TransportLimits LIMITS = new TransportLimits(2 * 1024 * 1024, Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofHours(1), 10_000, 10_000);
    /**
     * What the service behind the edge is known to log with a stack trace under fuzzing: GetQueryId of an unknown
     * operation, whose failure can only travel as an exception, which Thrift's processor logs at ERROR (a bug outside
     * the edge); and the cluster that cannot start because this test gives it no java, so that a fuzzed statement
     * fails at once (an operator's error, rightly logged in full). Anything else fails the test.
     */
    private static final List<String> KNOWN_BEHIND_THE_EDGE = List.of(
            "org.apache.thrift.ProcessFunction: Internal application error processing GetQueryId: "
                    + "org.apache.thrift.TApplicationException: Invalid operation handle",
            "io.lakegate.engine.cluster.LocalClusterLauncher: Cannot start local Spark cluster ");
    /** Loggers of the service, which log a line per call they answer: not what is tested here, and slow at this rate. */
    private static final List<String> CHATTY = List.of("io.lakegate.server.cli", "io.lakegate.engine");

    private static Engine engine;
    private static CliService service;
    private static LogCounter logs;
    /** Tokens expire at once: each Basic-authenticated request issues one, and they would pile up. */
    private static final HttpAuthTokens tokens = HttpAuthTokens.withRandomSecret(Duration.ofMillis(1));

    @BeforeAll
    static void start() {
        CHATTY.forEach(LogCounter::quieten);
        logs = new LogCounter();
        engine = Engine.start(Settings.of(Map.of(
                "lakegate.data.dir", Path.of("target", "fuzz-data").toAbsolutePath().toString(),
                "lakegate.server.port", "0",
                "lakegate.server.http.port", "0",
                // A statement fails at once for want of a cluster, instead of starting one for tens of seconds.
                "lakegate.cluster.local.java", Path.of("target", "fuzz-no-java").toAbsolutePath().toString())));
        service = new CliService(engine,
                new CliLimits(1000, 1000, 1 << 20, Duration.ofMillis(10), Duration.ofSeconds(1)),
                Authentication.none());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (logs != null) {
            logs.close();
        }
        CHATTY.forEach(LogCounter::restore);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void malformedInputNeitherCrashesNorHangsNorLeaksNorFloodsTheLog() throws Exception {
        System.out.printf("TransportFuzzTest seed %d on %d threads (replay with -Dlakegate.fuzz.seed=%d)%n", SEED,
                THREADS, SEED);
        assertThat(ResourceLeakDetector.getLevel()).as("leak detection level (set by the build)")
                .isEqualTo(ResourceLeakDetector.Level.PARANOID);
        assertThat(LeakRecorder.installed()).as("the build installs LeakRecorder as Netty's leak detector").isTrue();
        ClientConnection setup = new ClientConnection("fuzz-setup");
        TSessionHandle session = openSession(setup);
        List<byte[]> templates = CallTemplates.generate(new Random(SEED), session, operation(setup, session),
                TEMPLATES_PER_FUNCTION);

        long started = System.nanoTime();
        List<String> stalls = new ArrayList<>();
        List<EdgeFuzzer> fuzzers = fuzz(templates, started + EMBEDDED_BUDGET.toNanos(), stalls);
        long embeddedSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        long inputs = fuzzers.stream().mapToLong(EdgeFuzzer::inputs).sum();
        long slowest = fuzzers.stream().mapToLong(EdgeFuzzer::slowestNanos).max().orElse(0);
        Map<String, Integer> replies = new TreeMap<>();
        fuzzers.forEach(fuzzer -> fuzzer.replies().forEach((name, count) -> replies.merge(name, count, Integer::sum)));
        int overSockets = socketPhase(new Random(SEED - 1), new FuzzInputs(new Random(SEED - 1), templates));
        System.out.printf("TransportFuzzTest: %d inputs on embedded channels in %d s (slowest %d ms), %d over "
                + "sockets; the edge logged %d lines (%d bytes)%n", inputs, embeddedSeconds, slowest / 1_000_000,
                overSockets, logs.edgeLines(), logs.edgeBytes());
        fuzzers.forEach(fuzzer -> System.out.println("TransportFuzzTest: per way in:" + fuzzer.costs()));
        System.out.println("TransportFuzzTest: replies per function: " + replies);

        for (EdgeFuzzer fuzzer : fuzzers) {
            assertThat(fuzzer.failure()).as("what escaped the edge on %s", fuzzer.current()).isNull();
        }
        assertThat(stalls).as("inputs that took too long").isEmpty();
        assertThat(inputs).as("malformed inputs in %s", EMBEDDED_BUDGET).isGreaterThanOrEqualTo(MIN_INPUTS);
        assertThat(Duration.ofNanos(slowest)).as("slowest input").isLessThan(MAX_INPUT_TIME);
        assertThat(replies.keySet()).as("functions whose handlers answered a fuzzed call")
                .containsAll(CallTemplates.functions());
        List<String> behindTheEdge = logs.stackTraces().stream().filter(trace -> !fromTheEdge(trace)).toList();
        behindTheEdge.forEach(trace -> System.out.println("TransportFuzzTest: behind the edge: " + trace));
        assertThat(logs.stackTraces()).as("stack traces the edge logged").filteredOn(TransportFuzzTest::fromTheEdge)
                .isEmpty();
        assertThat(behindTheEdge).as("stack traces the service logged, beyond the known ones")
                .allMatch(trace -> KNOWN_BEHIND_THE_EDGE.stream().anyMatch(trace::startsWith));
        // 20 lines per 10 s window, plus the line that counts what was left out, and the server's start and stop.
        long lines = (TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) / 10 + 2) * 21 + 2;
        assertThat(logs.edgeLines()).as("lines the edge logged").isLessThanOrEqualTo(lines);
        assertThat(logs.edgeBytes()).as("bytes the edge logged").isLessThan(lines * 300);
        assertThat(leaks()).as("buffers leaked").isEmpty();
    }

    /** Runs the fuzzers until the deadline, watching that no input takes too long; a hung one is reported. */
    private static List<EdgeFuzzer> fuzz(List<byte[]> templates, long deadline, List<String> stalls)
            throws InterruptedException {
        List<EdgeFuzzer> fuzzers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            EdgeFuzzer fuzzer = new EdgeFuzzer("fuzz-" + i, LIMITS, service, tokens, SEED + i, templates, deadline);
            fuzzers.add(fuzzer);
            // A thread of its own also keeps stacks short, and paranoid leak detection records one per buffer.
            Thread thread = new Thread(fuzzer, "fuzz-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        long giveUp = deadline + MAX_INPUT_TIME.toNanos() * 5;
        while (threads.stream().anyMatch(Thread::isAlive) && System.nanoTime() < giveUp) {
            for (int i = 0; i < THREADS; i++) {
                if (fuzzers.get(i).currentNanos() > MAX_INPUT_TIME.toNanos() && stalls.size() < 5) {
                    stalls.add(fuzzers.get(i).current() + " took over " + MAX_INPUT_TIME + " at "
                            + Arrays.toString(threads.get(i).getStackTrace()));
                }
            }
            Thread.sleep(MAX_INPUT_TIME.toMillis() / 2);
        }
        for (int i = 0; i < THREADS; i++) {
            assertThat(threads.get(i).isAlive()).as("fuzzer %d hung on %s", i, fuzzers.get(i).current()).isFalse();
        }
        return fuzzers;
    }

    private static boolean fromTheEdge(String trace) {
        return trace.startsWith("io.lakegate.server.") && !trace.startsWith("io.lakegate.server.cli.")
                || trace.startsWith("io.netty.");
    }

    private static TSessionHandle openSession(ClientConnection connection) throws TException {
        TCLIService.OpenSession_result result = call(connection, client -> client.send_OpenSession(
                new TOpenSessionReq(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10)),
                new TCLIService.OpenSession_result());
        return result.getSuccess().getSessionHandle();
    }

    /** An operation of the session, so that calls on operations reach the service and not only its handle check. */
    private static TOperationHandle operation(ClientConnection connection, TSessionHandle session) throws TException {
        TCLIService.GetCatalogs_result result = call(connection, client -> client.send_GetCatalogs(
                new TGetCatalogsReq(session)), new TCLIService.GetCatalogs_result());
        return result.getSuccess().getOperationHandle();
    }

    private static <R extends TBase<?, ?>> R call(ClientConnection connection, FuzzInputs.Call call, R result)
            throws TException {
        ByteBuf answer = ThriftMessages.answer(service.processor(connection), FuzzInputs.serialize(call));
        byte[] bytes = new byte[answer.readableBytes()];
        answer.readBytes(bytes);
        answer.release();
        TProtocol in = ThriftMessages.reader(bytes, 0, bytes.length);
        in.readMessageBegin();
        result.read(in);
        return result;
    }

    /** Some inputs over real sockets, then real clients over every transport: the server still answers. */
    private static int socketPhase(Random random, FuzzInputs inputs) throws Exception {
        Settings settings = Settings.of(Map.of("lakegate.server.port", "0", "lakegate.server.http.port", "0",
                "lakegate.server.read-timeout", "2s"));
        List<byte[]> hostile = FuzzInputs.hostile();
        int sent = 0;
        try (ThriftServer server = ThriftServer.start(engine, settings)) {
            long deadline = System.nanoTime() + SOCKET_BUDGET.toNanos();
            while (System.nanoTime() < deadline) {
                byte[] call = random.nextInt(10) == 0 ? hostile.get(random.nextInt(hostile.size())) : inputs.mutated();
                int path = random.nextInt(4);
                byte[] bytes = switch (path) {
                    case 0 -> call;
                    case 1 -> FuzzInputs.concat(FuzzInputs.saslNegotiation(), FuzzInputs.frame(call));
                    case 2 -> FuzzInputs.httpRequest(call);
                    default -> inputs.httpVariant(call);
                };
                exchange(path < 2 ? server.address().getPort() : server.httpAddress().getPort(), bytes);
                sent++;
            }
            int port = server.address().getPort();
            try (TSocket socket = new TSocket("127.0.0.1", port)) {
                socket.open();
                useSession(new TCLIService.Client(new TBinaryProtocol(socket)));
            }
            try (TSaslClientTransport sasl = new TSaslClientTransport("PLAIN", null, "hive", "127.0.0.1", Map.of(),
                    callbacks -> {
                        ((NameCallback) callbacks[0]).setName("tester");
                        ((PasswordCallback) callbacks[1]).setPassword("pw".toCharArray());
                    }, new TSocket("127.0.0.1", port))) {
                sasl.open();
                useSession(new TCLIService.Client(new TBinaryProtocol(sasl)));
            }
            THttpClient http = new THttpClient("http://127.0.0.1:" + server.httpAddress().getPort() + "/cliservice");
            http.setCustomHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    "tester:pw".getBytes(StandardCharsets.UTF_8)));
            useSession(new TCLIService.Client(new TBinaryProtocol(http)));
            http.close();
        }
        return sent;
    }

    /** Writes the bytes and reads what comes back for a moment: answers, an error, or the server closing. */
    private static void exchange(int port, byte[] bytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(50);
            try {
                socket.getOutputStream().write(bytes);
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[8192];
                while (in.read(buffer) >= 0) {
                    // What the server answers does not matter here, only that it copes.
                }
            } catch (SocketTimeoutException | SocketException e) {
                // The server waits for the rest of a truncated call, or has closed the connection.
            }
        }
    }

    private static void useSession(TCLIService.Client client) throws TException {
        TOpenSessionResp opened = client.OpenSession(new TOpenSessionReq(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10));
        assertThat(opened.getStatus().getStatusCode()).isEqualTo(TStatusCode.SUCCESS_STATUS);
        assertThat(client.GetInfo(new TGetInfoReq(opened.getSessionHandle(), TGetInfoType.CLI_SERVER_NAME))
                .getInfoValue().getStringValue()).isNotEmpty();
        assertThat(client.CloseSession(new TCloseSessionReq(opened.getSessionHandle())).getStatus().getStatusCode())
                .isEqualTo(TStatusCode.SUCCESS_STATUS);
    }

    /** Leaks show when the collector has taken the lost buffers and the detector next looks, on an allocation. */
    private static List<String> leaks() throws InterruptedException {
        for (int round = 0; round < 5 && LeakRecorder.leaks().isEmpty(); round++) {
            System.gc();
            Thread.sleep(100);
            for (int i = 0; i < 1000; i++) {
                PooledByteBufAllocator.DEFAULT.buffer(16).release();
            }
        }
        return LeakRecorder.leaks();
    }
}
