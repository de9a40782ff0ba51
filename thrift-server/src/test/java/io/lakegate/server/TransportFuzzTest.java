package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.common.Settings;
import io.lakegate.engine.Engine;
import io.lakegate.server.cli.CliLimits;
import io.lakegate.server.cli.CliService;
import io.lakegate.server.cli.ClientConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TCloseSessionReq;
import org.apache.hive.service.rpc.thrift.TGetInfoReq;
import org.apache.hive.service.rpc.thrift.TGetInfoType;
import org.apache.hive.service.rpc.thrift.TOpenSessionReq;
import org.apache.hive.service.rpc.thrift.TOpenSessionResp;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.apache.hive.service.rpc.thrift.TStatusCode;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.THttpClient;
import org.apache.thrift.transport.TSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded random fuzzing of the transport edge: SASL framing and negotiation, NOSASL, HTTP, and every TCLIService
 * call, damaged or made hostile by hand. Most inputs go through the real pipelines on embedded channels (no sockets),
 * then a short phase sends some over sockets to a real server, and real clients show it still answers. Nothing may
 * escape a handler, take long, leak a buffer (Netty's detector runs at paranoid), log a stack trace, or log more than
 * the rate limit allows. {@code -Dlakegate.fuzz.seed=N} replays a run; the seed is printed.
 */
class TransportFuzzTest {
    private static final long SEED = Long.getLong("lakegate.fuzz.seed", 0x5eed_1a7e_9a7eL);
    private static final Duration EMBEDDED_BUDGET = Duration.ofSeconds(40);
    private static final Duration SOCKET_BUDGET = Duration.ofSeconds(6);
    /**
     * Inputs the embedded phase must get through in its budget. An idle machine does far more; a build machine
     * shared with other builds (2 cores, load 10) manages about 200 a second, so the floor is set for that, and
     * {@code -Dlakegate.fuzz.min-inputs=100000} holds a quiet machine to more.
     */
    private static final int MIN_INPUTS = Integer.getInteger("lakegate.fuzz.min-inputs", 5_000);
    private static final Duration MAX_INPUT_TIME = Duration.ofSeconds(2);
    private static final TransportLimits LIMITS = new TransportLimits(2 * 1024 * 1024, Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofHours(1), 10_000, 10_000);
    /** Loggers of the layers behind the edge, which log a line per call they answer: not what is tested here. */
    /**
     * Loggers of the service behind the edge: a well-formed call it fails on is its own bug, printed by this test but
     * not held against the edge (two so far: GetQueryId of an unknown operation, which Thrift's processor logs with a
     * stack trace, and OpenSession with a NUL in use:database, which the catalog refuses with an
     * IllegalArgumentException).
     */
    private static final List<String> SERVICE_LOGGERS = List.of("io.lakegate.server.cli.", "io.lakegate.engine.",
            "io.lakegate.catalog.", "org.apache.thrift.ProcessFunction");
    private static final List<byte[]> HOSTILE = FuzzInputs.hostile();
    private static final List<String> CHATTY = List.of("io.lakegate.server.cli", "io.lakegate.engine");

    private static Engine engine;
    private static CliService service;
    private static LogCounter logs;
    /** Tokens expire at once: each Basic-authenticated request issues one, and they would pile up. */
    private static final HttpAuthTokens tokens = new HttpAuthTokens(Duration.ofMillis(1));
    private static final ClientConnection connection = new ClientConnection("embedded");
    private static CheckedProcessor processor;

    @BeforeAll
    static void start() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        CHATTY.forEach(LogCounter::quieten);
        logs = new LogCounter();
        engine = Engine.start(Settings.of(Map.of(
                "lakegate.data.dir", Path.of("target", "fuzz-data").toAbsolutePath().toString(),
                "lakegate.server.port", "0",
                "lakegate.server.http.port", "0")));
        service = new CliService(engine, new CliLimits(1000, 1000, 1 << 20, Duration.ofMillis(10)));
        processor = new CheckedProcessor(service.processor(connection), "embedded", LIMITS.maxRequestBytes());
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
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void malformedInputNeitherCrashesNorHangsNorLeaksNorFloodsTheLog() throws Exception {
        System.out.printf("TransportFuzzTest seed %d (replay with -Dlakegate.fuzz.seed=%d)%n", SEED, SEED);
        Random random = new Random(SEED);
        FuzzInputs inputs = new FuzzInputs(random, openSession());
        long started = System.nanoTime();
        Stats stats = new Stats();
        for (byte[] hostile : HOSTILE) {
            for (int path : new int[] {0, 1, 3}) {
                send(path, hostile, random, inputs, stats);
            }
        }
        long deadline = started + EMBEDDED_BUDGET.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 100; i++) {
                send(random.nextInt(5), inputs.mutated(), random, inputs, stats);
            }
        }
        stats.closeAll();
        long embeddedSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        int overSockets = socketPhase(random, inputs);
        System.out.printf("TransportFuzzTest: %d inputs on embedded channels in %d s (slowest %d ms), %d over "
                + "sockets; the edge logged %d lines (%d bytes)%n", stats.inputs, embeddedSeconds,
                stats.slowestNanos / 1_000_000, overSockets, logs.edgeLines(), logs.edgeBytes());

        assertThat(stats.inputs).as("malformed inputs in %s", EMBEDDED_BUDGET).isGreaterThanOrEqualTo(MIN_INPUTS);
        assertThat(Duration.ofNanos(stats.slowestNanos)).as("slowest input").isLessThan(MAX_INPUT_TIME);
        List<String> behindTheEdge = logs.stackTraces().stream().filter(TransportFuzzTest::behindTheEdge).toList();
        behindTheEdge.forEach(trace -> System.out.println("TransportFuzzTest: behind the edge: " + trace));
        assertThat(logs.stackTraces()).as("stack traces the edge logged")
                .filteredOn(trace -> !behindTheEdge(trace)).isEmpty();
        // 20 lines per 10 s, plus the line that counts what was left out, for the whole run.
        assertThat(logs.edgeLines()).as("lines the edge logged").isLessThan(
                (embeddedSeconds + SOCKET_BUDGET.toSeconds() + 20) / 10 * 21 + 21);
        assertThat(leaks()).as("buffers leaked").isEmpty();
    }

    private static boolean behindTheEdge(String trace) {
        return SERVICE_LOGGERS.stream().anyMatch(trace::startsWith);
    }

    private static final class Stats {
        final EmbeddedChannel[] open = new EmbeddedChannel[5];
        long inputs;
        long slowestNanos;

        void closeAll() {
            for (EmbeddedChannel channel : open) {
                if (channel != null) {
                    channel.finishAndReleaseAll();
                }
            }
        }
    }

    /** Sends one input down one of the five ways in, in random pieces, and drops the connection. */
    private static void send(int path, byte[] call, Random random, FuzzInputs inputs, Stats stats) {
        long start = System.nanoTime();
        EmbeddedChannel channel = stats.open[path];
        boolean fresh = channel == null;
        if (fresh) {
            channel = new EmbeddedChannel(pipeline(path < 3, random.nextInt(10) == 0));
        }
        byte[] bytes = switch (path) {
            case 0, 3 -> path == 0 ? call : FuzzInputs.httpRequest(call);
            case 1 -> fresh ? FuzzInputs.concat(FuzzInputs.saslNegotiation(), FuzzInputs.frame(call))
                    : FuzzInputs.frame(call);
            case 2 -> inputs.mutate(FuzzInputs.concat(FuzzInputs.saslNegotiation(), FuzzInputs.frame(
                    inputs.templates().get(random.nextInt(inputs.templates().size())))));
            default -> inputs.mutate(FuzzInputs.httpRequest(
                    inputs.templates().get(random.nextInt(inputs.templates().size()))));
        };
        int offset = 0;
        while (offset < bytes.length && channel.isOpen()) {
            int length = random.nextInt(4) == 0 ? Math.min(bytes.length - offset, 1 + random.nextInt(16))
                    : bytes.length - offset;
            ByteBuf piece = PooledByteBufAllocator.DEFAULT.buffer(length).writeBytes(bytes, offset, length);
            channel.writeInbound(piece);
            offset += length;
            drain(channel);
        }
        // A connection that survives its input takes the next one of its kind, as a client's next call would;
        // whatever a damaged call left half-read then meets the bytes that follow.
        boolean reusable = path == 0 || path == 1 || path == 3;
        stats.open[path] = reusable && channel.isOpen() && random.nextInt(100) != 0 ? channel : null;
        if (stats.open[path] == null) {
            channel.finishAndReleaseAll();
        }
        stats.slowestNanos = Math.max(stats.slowestNanos, System.nanoTime() - start);
        stats.inputs++;
    }

    /**
     * One connection's handlers. Most inputs share the per-connection processor, which is costly to build, and skip
     * the connection limits; one in ten gets what a real connection gets.
     */
    private static ChannelHandler[] pipeline(boolean binary, boolean complete) {
        if (complete) {
            return new ChannelHandler[] {binary ? new BinaryChannelInitializer(LIMITS, service, Runnable::run)
                    : new HttpChannelInitializer(LIMITS, "cliservice", tokens, service, Runnable::run)};
        }
        if (binary) {
            return new ChannelHandler[] {new TransportDetector(LIMITS, connection),
                new ThriftCallHandler(processor, connection, Runnable::run, LIMITS.idleTimeout())};
        }
        return new ChannelHandler[] {new HttpServerCodec(), new HttpReadDeadline(LIMITS, "embedded"),
            new HttpObjectAggregator(LIMITS.maxRequestBytes()), new HttpRequestGuard("embedded"),
            new HttpCliHandler("cliservice", tokens, processor, connection, Runnable::run)};
    }

    private static void drain(EmbeddedChannel channel) {
        for (Object message; (message = channel.readOutbound()) != null; ) {
            io.netty.util.ReferenceCountUtil.release(message);
        }
        for (Object message; (message = channel.readInbound()) != null; ) {
            io.netty.util.ReferenceCountUtil.release(message);
        }
    }

    /** A session the templates' metadata calls name, so that they reach the service and not only its handle check. */
    private static TSessionHandle openSession() throws TException {
        byte[] request = FuzzInputs.serialize(client -> client.send_OpenSession(
                new TOpenSessionReq(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10)));
        ByteBuf answer = ThriftMessages.answer(service.processor(new ClientConnection("fuzz-setup")), request);
        byte[] bytes = new byte[answer.readableBytes()];
        answer.readBytes(bytes);
        TProtocol in = ThriftMessages.reader(bytes, 0, bytes.length);
        in.readMessageBegin();
        TCLIService.OpenSession_result result = new TCLIService.OpenSession_result();
        result.read(in);
        return result.getSuccess().getSessionHandle();
    }

    /** Some inputs over real sockets, then real clients over both transports: the server still answers. */
    private static int socketPhase(Random random, FuzzInputs inputs) throws Exception {
        Settings settings = Settings.of(Map.of("lakegate.server.port", "0", "lakegate.server.http.port", "0",
                "lakegate.server.read-timeout", "2s"));
        int sent = 0;
        try (ThriftServer server = ThriftServer.start(engine, settings)) {
            long deadline = System.nanoTime() + SOCKET_BUDGET.toNanos();
            while (System.nanoTime() < deadline) {
                byte[] call = random.nextInt(10) == 0 ? HOSTILE.get(random.nextInt(HOSTILE.size()))
                        : inputs.mutated();
                int path = random.nextInt(3);
                byte[] bytes = switch (path) {
                    case 0 -> call;
                    case 1 -> FuzzInputs.concat(FuzzInputs.saslNegotiation(), FuzzInputs.frame(call));
                    default -> FuzzInputs.httpRequest(call);
                };
                exchange(path < 2 ? server.address().getPort() : server.httpAddress().getPort(), bytes);
                sent++;
            }
            try (TSocket socket = new TSocket("127.0.0.1", server.address().getPort())) {
                socket.open();
                useSession(new TCLIService.Client(new TBinaryProtocol(socket)));
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
            } catch (SocketTimeoutException | java.net.SocketException e) {
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
        for (int round = 0; round < 5 && logs.leaks().isEmpty(); round++) {
            System.gc();
            Thread.sleep(100);
            for (int i = 0; i < 1000; i++) {
                PooledByteBufAllocator.DEFAULT.buffer(16).release();
            }
        }
        return logs.leaks();
    }
}
