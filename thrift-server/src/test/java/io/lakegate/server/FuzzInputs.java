package io.lakegate.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryBuffer;

/**
 * What the transport fuzzer sends: ways to damage calls (see {@link CallTemplates}), hostile messages made by hand (deep
 * nesting, huge or negative declared sizes), the SASL and HTTP envelopes clients put calls in, and HTTP requests that
 * go wrong in the ways HTTP can: methods, paths, headers, cookies, lengths and chunking.
 */
final class FuzzInputs {
    private static final int[] INTERESTING_INTS = {0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7fff, 0xffff,
        64 * 1024 * 1024, 0x80010001, 127, 128, 255, 256};
    private static final byte[] INTERESTING_BYTES = {0, 1, -1, 0x7f, (byte) 0x80, TType.STRUCT, TType.LIST,
        TType.MAP, TType.SET, TType.STRING, TType.I32, 5, 99};

    private static final String BASIC = "Authorization: Basic " + Base64.getEncoder().encodeToString(
            "fuzz:pw".getBytes(StandardCharsets.UTF_8)) + "\r\n";
    private static final String[] METHODS = {"POST", "POST", "POST", "GET", "PUT", "OPTIONS", "HEAD", "DELETE",
        "CONNECT", "P\u00d6ST", "post"};
    private static final String[] PATHS = {"/cliservice", "/cliservice", "/cliservice?a=b&c", "/", "/cliservice/",
        "/CLIService", "/cli%zzservice", "/cli%00service", "http://localhost/cliservice", "*", "/" + "a".repeat(300),
        "/cliservice#x", "//cliservice"};
    private static final String[] VERSIONS = {"HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/1.1x", "HTTP"};
    private static final String[] AUTHORIZATIONS = {BASIC, BASIC, BASIC, "", "Authorization: Basic\r\n",
        "Authorization: Basic !!!notbase64\r\n", "Authorization: Basic " + Base64.getEncoder().encodeToString(
                ":pw".getBytes(StandardCharsets.UTF_8)) + "\r\n", "Authorization: Bearer abc\r\n",
        "Authorization: basic " + Base64.getEncoder().encodeToString("x".getBytes(StandardCharsets.UTF_8)) + "\r\n",
        "Cookie: hive.server2.auth=not-a-token\r\n", "Cookie: =;;; hive.server2.auth\r\n"};
    private static final String[] HEADERS = {"Content-Type: application/x-thrift\r\n", "Content-Type: text/html\r\n",
        "Connection: close\r\n", "Connection: keep-alive\r\n", "Expect: 100-continue\r\n",
        "Content-Length: 5\r\n", "Content-Length: -1\r\n", "Content-Length: 99999999999\r\n",
        "Transfer-Encoding: gzip\r\n", "X-Long: " + "v".repeat(2000) + "\r\n", "Bad Header\r\n",
        " folded: line\r\n", "Cookie: " + "c=1; ".repeat(200) + "\r\n", "X-Nul: a\u0000b\r\n"};

    private final Random random;
    private final List<byte[]> templates;

    FuzzInputs(Random random, List<byte[]> templates) {
        this.random = random;
        this.templates = templates;
    }

    List<byte[]> templates() {
        return templates;
    }

    byte[] template() {
        return templates.get(random.nextInt(templates.size()));
    }

    /** A real call, damaged one to four times; one in eight goes as it is, its values being hostile enough. */
    byte[] mutated() {
        byte[] bytes = template();
        int mutations = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            bytes = mutate(bytes);
        }
        return bytes;
    }

    byte[] mutate(byte[] original) {
        byte[] bytes = original.clone();
        int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
        switch (random.nextInt(8)) {
            case 0 -> {
                if (bytes.length > 0) {
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                if (bytes.length > 0) {
                    bytes[at] = INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
                }
            }
            case 2 -> {
                return Arrays.copyOf(bytes, at);
            }
            case 3 -> {
                byte[] inserted = new byte[1 + random.nextInt(8)];
                random.nextBytes(inserted);
                return splice(bytes, at, 0, inserted);
            }
            case 4 -> {
                return splice(bytes, at, Math.min(bytes.length - at, 1 + random.nextInt(16)), new byte[0]);
            }
            case 5 -> {
                int length = Math.min(bytes.length - at, 1 + random.nextInt(32));
                return splice(bytes, at, 0, Arrays.copyOfRange(bytes, at, at + length));
            }
            default -> {
                if (at + 4 <= bytes.length) {
                    ByteBuffer.wrap(bytes, at, 4).putInt(INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)]);
                }
            }
        }
        return bytes;
    }

    /** Messages made to hurt: nesting beyond any limit, sizes that lie, a call without its request. */
    static List<byte[]> hostile() {
        List<byte[]> messages = new ArrayList<>();
        for (byte container : new byte[] {TType.LIST, TType.SET, TType.MAP, TType.STRUCT}) {
            messages.add(nested(container, 100));
            messages.add(nested(container, 200_000));
        }
        ByteBuffer hugeString = header("OpenSession", 12).put(TType.STRING).putShort((short) 1)
                .putInt(Integer.MAX_VALUE);
        messages.add(bytes(hugeString));
        ByteBuffer negativeList = header("GetTables", 12).put(TType.LIST).putShort((short) 1).put(TType.I32)
                .putInt(-5);
        messages.add(bytes(negativeList));
        ByteBuffer negativeMap = header("OpenSession", 12).put(TType.MAP).putShort((short) 1).put(TType.STRING)
                .put(TType.STRING).putInt(Integer.MIN_VALUE);
        messages.add(bytes(negativeMap));
        ByteBuffer hugeList = header("FetchResults", 12).put(TType.LIST).putShort((short) 1).put(TType.STRUCT)
                .putInt(Integer.MAX_VALUE);
        messages.add(bytes(hugeList));
        messages.add(bytes(header("OpenSession", 1).put(TType.STOP)));
        messages.add(bytes(header("ExecuteStatement", 1).put(TType.STOP)));
        messages.add(bytes(header("NoSuchFunction", 1).put(TType.STOP)));
        ByteBuffer hugeName = ByteBuffer.allocate(16).putInt(0x80010001).putInt(Integer.MAX_VALUE);
        messages.add(bytes(hugeName));
        ByteBuffer negativeName = ByteBuffer.allocate(16).putInt(0x80010001).putInt(-1);
        messages.add(bytes(negativeName));
        return messages;
    }

    /** A call of containers nested {@code depth} deep: 200,000 lists make a megabyte. */
    static byte[] nested(byte container, int depth) {
        int perLevel = switch (container) {
            case TType.LIST, TType.SET -> 5;
            case TType.MAP -> 10;
            default -> 3;
        };
        ByteBuffer buffer = header("GetTables", depth * perLevel + 32).put(container).putShort((short) 1);
        for (int i = 0; i < depth; i++) {
            switch (container) {
                case TType.LIST, TType.SET -> buffer.put(container).putInt(1);
                case TType.MAP -> buffer.put(TType.I32).put(TType.MAP).putInt(1).putInt(i);
                default -> buffer.put(TType.STRUCT).putShort((short) 1);
            }
        }
        return bytes(buffer);
    }

    /** An HTTP request carrying a call the way Hive's JDBC driver sends it. */
    static byte[] httpRequest(byte[] body) {
        String head = "POST /cliservice HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-thrift\r\n"
                + "Authorization: Basic " + Base64.getEncoder().encodeToString("fuzz:pw".getBytes(
                        StandardCharsets.UTF_8)) + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        return concat(head.getBytes(StandardCharsets.US_ASCII), body);
    }

    /**
     * An HTTP request around a call that goes wrong the ways HTTP can: another method or path, a query, a lying or
     * missing length, a chunked body, a broken or missing Authorization, a cookie that is not ours, odd headers.
     */
    byte[] httpVariant(byte[] body) {
        StringBuilder head = new StringBuilder();
        head.append(pick(METHODS)).append(' ').append(pick(PATHS)).append(' ').append(pick(VERSIONS)).append("\r\n");
        if (random.nextInt(8) > 0) {
            head.append("Host: localhost\r\n");
        }
        head.append(pick(AUTHORIZATIONS));
        for (int i = random.nextInt(4); i > 0; i--) {
            head.append(pick(HEADERS));
        }
        boolean chunked = random.nextInt(6) == 0;
        if (chunked) {
            head.append("Transfer-Encoding: chunked\r\n\r\n");
            return concat(head.toString().getBytes(StandardCharsets.UTF_8), chunks(body));
        }
        int length = switch (random.nextInt(8)) {
            case 0 -> -1;
            case 1 -> body.length + 1 + random.nextInt(16);
            case 2 -> Math.max(0, body.length - 1 - random.nextInt(16));
            default -> body.length;
        };
        if (length >= 0) {
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        head.append("\r\n");
        return concat(head.toString().getBytes(StandardCharsets.UTF_8), body);
    }

    private byte[] chunks(byte[] body) {
        int offset = 0;
        // A chunk of one byte takes six: its size, the byte, and two line ends.
        ByteBuffer out = ByteBuffer.allocate(body.length * 6 + 16);
        while (offset < body.length) {
            // Tiny chunks, but not tens of thousands of them: each is a message through the pipeline.
            int length = Math.min(body.length - offset, Math.max(body.length / 64, 1 + random.nextInt(64)));
            out.put((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.put(body, offset, length).put("\r\n".getBytes(StandardCharsets.US_ASCII));
            offset += length;
        }
        out.put((random.nextInt(4) == 0 ? "zz\r\n" : "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return bytes(out);
    }

    private String pick(String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** SASL PLAIN negotiation for the user fuzz, as TSaslClientTransport sends it. */
    static byte[] saslNegotiation() {
        return concat(saslMessage(1, "PLAIN".getBytes(StandardCharsets.UTF_8)),
                saslMessage(5, "\u0000fuzz\u0000pw".getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] saslMessage(int status, byte[] payload) {
        return bytes(ByteBuffer.allocate(5 + payload.length).put((byte) status).putInt(payload.length).put(payload));
    }

    static byte[] frame(byte[] message) {
        return bytes(ByteBuffer.allocate(4 + message.length).putInt(message.length).put(message));
    }

    static byte[] concat(byte[] first, byte[] second) {
        return splice(first, first.length, 0, second);
    }

    private static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
        byte[] result = new byte[bytes.length - removed + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at + removed, result, at + inserted.length, bytes.length - at - removed);
        return result;
    }

    private static ByteBuffer header(String name, int bodyBytes) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(12 + nameBytes.length + bodyBytes).putInt(0x80010001).putInt(nameBytes.length)
                .put(nameBytes).putInt(7);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    interface Call {
        void send(TCLIService.Client client) throws TException;
    }

    /** A call as a client serializes it. */
    static byte[] serialize(Call call) {
        try {
            TMemoryBuffer buffer = new TMemoryBuffer(256);
            call.send(new TCLIService.Client(new TBinaryProtocol(buffer)));
            return Arrays.copyOf(buffer.getArray(), buffer.length());
        } catch (TException e) {
            throw new IllegalStateException(e);
        }
    }
}
