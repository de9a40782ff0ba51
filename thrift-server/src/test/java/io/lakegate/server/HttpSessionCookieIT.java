package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.common.Settings;
import io.lakegate.engine.Engine;
import io.lakegate.server.SharedServer.RunningServer;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TCloseSessionReq;
import org.apache.hive.service.rpc.thrift.TGetInfoReq;
import org.apache.hive.service.rpc.thrift.TGetInfoType;
import org.apache.hive.service.rpc.thrift.THandleIdentifier;
import org.apache.hive.service.rpc.thrift.TOpenSessionReq;
import org.apache.hive.service.rpc.thrift.TOpenSessionResp;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.apache.hive.service.rpc.thrift.TStatusCode;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TIOStreamTransport;
import org.apache.thrift.transport.TMemoryInputTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session cookie of the HTTP transport with a real HTTP client and real sessions: it spares the password while
 * its session is open, and stops working once the session is closed, by the client or by the server.
 */
@ExtendWith(SharedServer.class)
class HttpSessionCookieIT {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void theCookieEndsWithCloseSession(RunningServer shared) throws Exception {
        ThriftOverHttp client = new ThriftOverHttp(shared.server().httpAddress());
        TSessionHandle session = client.openSession();
        assertThat(client.getInfo(session)).isEqualTo(200);

        HttpResponse<byte[]> closed = client.post(calls -> calls.send_CloseSession(new TCloseSessionReq(session)));
        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(client.receive(closed, TCLIService.Client::recv_CloseSession).getStatus().getStatusCode())
                .isEqualTo(TStatusCode.SUCCESS_STATUS);

        assertThat(client.getInfo(session)).as("the cookie of a closed session").isEqualTo(401);
    }

    @Test
    void theCookieEndsWhenTheServerClosesAnIdleSession(@TempDir Path dataDirectory) throws Exception {
        // The idle timeout is the engine's: an engine of its own, which needs no cluster for sessions alone.
        Settings settings = Settings.of(Map.of(
                "lakegate.data.dir", dataDirectory.toString(),
                "lakegate.server.port", "0",
                "lakegate.server.http.port", "0",
                "lakegate.engine.session-idle-timeout", "1s"));
        try (Engine engine = Engine.start(settings);
                ThriftServer server = ThriftServer.start(engine, settings)) {
            ThriftOverHttp client = new ThriftOverHttp(server.httpAddress());
            client.openSession();
            // A call on another session handle does not keep the idle session alive, but shows the cookie's state.
            TSessionHandle unknown = new TSessionHandle(
                    new THandleIdentifier(ByteBuffer.allocate(16), ByteBuffer.allocate(16)));
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (client.getInfo(unknown) != 401) {
                assertThat(System.nanoTime()).as("the cookie ends within %s", LIMIT).isLessThan(deadline);
            }
        }
    }

    /** TCLIService calls as POSTs of Java's HTTP client: the password once, then the cookie the server gave. */
    private static final class ThriftOverHttp {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(LIMIT).build();
        private final URI uri;
        private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        private final TMemoryInputTransport received;
        private final TCLIService.Client calls;
        private String cookie;

        ThriftOverHttp(InetSocketAddress address) throws TException {
            uri = URI.create("http://127.0.0.1:" + address.getPort() + "/cliservice");
            received = new TMemoryInputTransport();
            calls = new TCLIService.Client(new TBinaryProtocol(received),
                    new TBinaryProtocol(new TIOStreamTransport(sent)));
        }

        TSessionHandle openSession() throws Exception {
            HttpResponse<byte[]> response = post(client -> client.send_OpenSession(
                    new TOpenSessionReq(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10)));
            assertThat(response.statusCode()).isEqualTo(200);
            String setCookie = response.headers().firstValue("set-cookie").orElseThrow();
            cookie = setCookie.substring(0, setCookie.indexOf(';'));
            TOpenSessionResp opened = receive(response, TCLIService.Client::recv_OpenSession);
            assertThat(opened.getStatus().getStatusCode()).isEqualTo(TStatusCode.SUCCESS_STATUS);
            return opened.getSessionHandle();
        }

        /** The HTTP status of a GetInfo call; its Thrift answer is read when there is one. */
        int getInfo(TSessionHandle session) throws Exception {
            HttpResponse<byte[]> response = post(client -> client.send_GetInfo(
                    new TGetInfoReq(session, TGetInfoType.CLI_SERVER_NAME)));
            if (response.statusCode() == 200) {
                receive(response, TCLIService.Client::recv_GetInfo);
            }
            return response.statusCode();
        }

        HttpResponse<byte[]> post(Send send) throws Exception {
            sent.reset();
            send.to(calls);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(LIMIT)
                    .header("Content-Type", "application/x-thrift")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(sent.toByteArray()));
            if (cookie == null) {
                request.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("tester:any password".getBytes(StandardCharsets.UTF_8)));
            } else {
                request.header("Cookie", cookie);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        <T> T receive(HttpResponse<byte[]> response, Receive<T> receive) throws TException {
            received.reset(response.body());
            return receive.from(calls);
        }
    }

    private interface Send {
        void to(TCLIService.Client client) throws TException;
    }

    private interface Receive<T> {
        T from(TCLIService.Client client) throws TException;
    }
}
