package io.lakegate.server;

import io.lakegate.server.auth.Authentication;
import io.lakegate.server.cli.CliService;
import io.lakegate.server.cli.ClientConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;

/**
 * One thread's share of the transport fuzzing: inputs down the five ways into the edge, on embedded channels that run
 * the real handlers without sockets, each input timed. A connection that survives an input takes the next one of its
 * kind, as a client's next call would, so whatever a damaged call left half-read meets the bytes that follow; now
 * and then time jumps ahead, so that the deadlines fire in the middle of whatever is under way. Answers from the
 * handlers are counted per function: proof that the calls got through the framing and the checks to the service.
 */
final class EdgeFuzzer implements Runnable {
    /** The ways in: a call without framing, a framed call after SASL, damaged SASL, a call over HTTP, damaged HTTP. */
    enum Way { NOSASL, SASL, SASL_DAMAGED, HTTP, HTTP_DAMAGED }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int VERSION_1 = 0x80010000;

    private final TransportLimits limits;
    private final CliService service;
    private final HttpAuthTokens tokens;
    private final Random random;
    private final FuzzInputs inputs;
    private final List<byte[]> hostile;
    private final long deadlineNanos;
    private final ClientConnection connection;
    /** Shared by most of this thread's connections: a processor per connection is costly to build. */
    private final CheckedProcessor processor;
    private final EmbeddedChannel[] open = new EmbeddedChannel[Way.values().length];
    private final long[] count = new long[Way.values().length];
    private final long[] cpuNanos = new long[Way.values().length];
    private final Map<String, Integer> replies = new TreeMap<>();
    private long sent;
    private long slowestNanos;
    private volatile Input current;
    private volatile long currentStarted;
    private volatile Throwable failure;

    EdgeFuzzer(String name, TransportLimits limits, CliService service, HttpAuthTokens tokens, long seed,
            List<byte[]> templates, long deadlineNanos) {
        this.limits = limits;
        this.service = service;
        this.tokens = tokens;
        this.random = new Random(seed);
        this.inputs = new FuzzInputs(random, templates);
        this.hostile = FuzzInputs.hostile();
        this.deadlineNanos = deadlineNanos;
        this.connection = new ClientConnection(name);
        this.processor = new CheckedProcessor(service.processor(connection), name, limits.maxRequestBytes());
    }

    @Override
    public void run() {
        try {
            for (byte[] message : hostile) {
                for (Way way : List.of(Way.NOSASL, Way.SASL, Way.HTTP)) {
                    send(way, message);
                }
            }
            while (System.nanoTime() < deadlineNanos) {
                Way way = Way.values()[random.nextInt(Way.values().length)];
                send(way, random.nextInt(50) == 0 ? hostile.get(random.nextInt(hostile.size())) : inputs.mutated());
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            for (EmbeddedChannel channel : open) {
                if (channel != null) {
                    channel.finishAndReleaseAll();
                }
            }
        }
    }

    private void send(Way way, byte[] call) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        EmbeddedChannel channel = open[way.ordinal()];
        boolean fresh = channel == null;
        if (fresh) {
            channel = new EmbeddedChannel(pipeline(way, random.nextInt(10) == 0));
        }
        byte[] bytes = switch (way) {
            case NOSASL -> call;
            case SASL -> fresh ? FuzzInputs.concat(FuzzInputs.saslNegotiation(), FuzzInputs.frame(call))
                    : FuzzInputs.frame(call);
            case SASL_DAMAGED -> inputs.mutate(FuzzInputs.concat(FuzzInputs.saslNegotiation(),
                    FuzzInputs.frame(inputs.template())));
            case HTTP -> FuzzInputs.httpRequest(call);
            case HTTP_DAMAGED -> random.nextBoolean() ? inputs.httpVariant(call)
                    : inputs.mutate(FuzzInputs.httpRequest(inputs.template()));
        };
        current = new Input(way, sent, bytes);
        currentStarted = start;
        feed(channel, bytes);
        if (channel.isOpen() && random.nextInt(64) == 0) {
            channel.advanceTimeBy(limits.idleTimeout().toNanos() / (1 + random.nextInt(4)), TimeUnit.NANOSECONDS);
            channel.runScheduledPendingTasks();
            drain(channel);
        }
        boolean reusable = way == Way.NOSASL || way == Way.SASL || way == Way.HTTP;
        boolean keep = reusable && channel.isOpen() && random.nextInt(100) != 0;
        open[way.ordinal()] = keep ? channel : null;
        if (!keep) {
            channel.finishAndReleaseAll();
        }
        long took = System.nanoTime() - start;
        slowestNanos = Math.max(slowestNanos, took);
        count[way.ordinal()]++;
        cpuNanos[way.ordinal()] += THREADS.getCurrentThreadCpuTime() - cpu;
        sent++;
        currentStarted = 0;
    }

    /** The input in random pieces, as a network delivers it, each read followed by what the server answers. */
    private void feed(EmbeddedChannel channel, byte[] bytes) {
        int offset = 0;
        while (offset < bytes.length && channel.isOpen()) {
            int length = random.nextInt(4) == 0 ? Math.min(bytes.length - offset, 1 + random.nextInt(16))
                    : bytes.length - offset;
            ByteBuf piece = PooledByteBufAllocator.DEFAULT.buffer(length).writeBytes(bytes, offset, length);
            channel.writeInbound(piece);
            offset += length;
            drain(channel);
        }
    }

    /**
     * One connection's handlers: one in ten gets what a real connection gets, the connection limits and a processor
     * of its own included; the others share this thread's processor.
     */
    private ChannelHandler[] pipeline(Way way, boolean complete) {
        boolean binary = way == Way.NOSASL || way == Way.SASL || way == Way.SASL_DAMAGED;
        if (complete) {
            return new ChannelHandler[] {binary
                    ? new BinaryChannelInitializer(limits, service, Authentication.none(), Runnable::run,
                            Optional.empty())
                    : new HttpChannelInitializer(limits, "cliservice", tokens, Authentication.none(), service,
                            Runnable::run, Optional.empty())};
        }
        if (binary) {
            return new ChannelHandler[] {new TransportDetector(limits, connection, Authentication.none(), Runnable::run),
                new ThriftCallHandler(processor, connection, Runnable::run, limits.idleTimeout())};
        }
        return new ChannelHandler[] {new HttpServerCodec(), new HttpReadDeadline(limits, connection.remoteAddress()),
            new HttpObjectAggregator(limits.maxRequestBytes()), new HttpRequestGuard(connection.remoteAddress()),
            new HttpCliHandler("cliservice", tokens, Authentication.none(), processor, connection, Runnable::run)};
    }

    private void drain(EmbeddedChannel channel) {
        for (Object message; (message = channel.readOutbound()) != null; ) {
            if (message instanceof ByteBuf answer) {
                countReply(answer);
            }
            ReferenceCountUtil.release(message);
        }
        for (Object message; (message = channel.readInbound()) != null; ) {
            ReferenceCountUtil.release(message);
        }
    }

    /**
     * A Thrift answer on the binary transports that came from its function's handler: a reply, or the internal error
     * a handler throws where its response has no status (the checks' refusals are protocol errors).
     */
    private void countReply(ByteBuf answer) {
        int at = answer.readerIndex();
        if (answer.readableBytes() < 8 || (answer.getInt(at) & 0xffff0000) != VERSION_1) {
            return;
        }
        int type = answer.getInt(at) & 0xff;
        int nameBytes = answer.getInt(at + 4);
        if (nameBytes <= 0 || nameBytes > 64 || answer.readableBytes() < 8 + nameBytes
                || type != TMessageType.REPLY && !(type == TMessageType.EXCEPTION && internalError(answer))) {
            return;
        }
        replies.merge(answer.toString(at + 8, nameBytes, StandardCharsets.UTF_8), 1, Integer::sum);
    }

    private static boolean internalError(ByteBuf answer) {
        byte[] bytes = ByteBufUtil.getBytes(answer);
        try {
            TProtocol in = ThriftMessages.reader(bytes, 0, bytes.length);
            in.readMessageBegin();
            return TApplicationException.readFrom(in).getType() == TApplicationException.INTERNAL_ERROR;
        } catch (TException e) {
            return false;
        }
    }

    /** One input, to report when it fails or hangs. */
    record Input(Way way, long index, byte[] bytes) {
        @Override
        public String toString() {
            return way + " input " + index + ": " + HexFormat.of().formatHex(bytes);
        }
    }

    long inputs() {
        return sent;
    }

    long slowestNanos() {
        return slowestNanos;
    }

    Map<String, Integer> replies() {
        return replies;
    }

    /** What escaped the handlers, if anything did: the input it escaped on is {@link #current()}. */
    Throwable failure() {
        return failure;
    }

    /** The input being sent, or the last one. */
    String current() {
        return String.valueOf(current);
    }

    /** How long the input being sent has taken so far, 0 between inputs. */
    long currentNanos() {
        long started = currentStarted;
        return started == 0 ? 0 : System.nanoTime() - started;
    }

    /** Inputs and CPU time per way in, to show where the time goes. */
    String costs() {
        StringBuilder costs = new StringBuilder();
        for (Way way : Way.values()) {
            int i = way.ordinal();
            costs.append(String.format(" %s %d (%d us CPU each)", way, count[i],
                    count[i] == 0 ? 0 : cpuNanos[i] / count[i] / 1000));
        }
        return costs.toString();
    }
}
