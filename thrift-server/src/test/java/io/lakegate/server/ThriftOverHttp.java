package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TGetInfoReq;
import org.apache.hive.service.rpc.thrift.TGetInfoResp;
import org.apache.hive.service.rpc.thrift.TGetInfoType;
import org.apache.hive.service.rpc.thrift.TOpenSessionReq;
import org.apache.hive.service.rpc.thrift.TOpenSessionResp;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.apache.hive.service.rpc.thrift.TStatusCode;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TIOStreamTransport;
import org.apache.thrift.transport.TMemoryInputTransport;

/** TCLIService calls as POSTs of Java's HTTP client: the password once, then the cookie the server gave. */
final class ThriftOverHttp {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(LIMIT).build();
    private final URI uri;
    private final String basic;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final TMemoryInputTransport received;
    private final TCLIService.Client calls;
    private String cookie;

    ThriftOverHttp(InetSocketAddress address, String user, String password) throws TException {
        uri = URI.create("http://127.0.0.1:" + address.getPort() + "/cliservice");
        basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        received = new TMemoryInputTransport();
        calls = new TCLIService.Client(new TBinaryProtocol(received), new TBinaryProtocol(new TIOStreamTransport(sent)));
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

    /** The Thrift answer of a GetInfo call, which must get through HTTP. */
    TGetInfoResp info(TSessionHandle session) throws Exception {
        HttpResponse<byte[]> response = post(client -> client.send_GetInfo(
                new TGetInfoReq(session, TGetInfoType.CLI_SERVER_NAME)));
        assertThat(response.statusCode()).isEqualTo(200);
        return receive(response, TCLIService.Client::recv_GetInfo);
    }

    HttpResponse<byte[]> post(Send send) throws Exception {
        sent.reset();
        send.to(calls);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(LIMIT)
                .header("Content-Type", "application/x-thrift")
                .POST(HttpRequest.BodyPublishers.ofByteArray(sent.toByteArray()));
        request.header(cookie == null ? "Authorization" : "Cookie", cookie == null ? basic : cookie);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    <T> T receive(HttpResponse<byte[]> response, Receive<T> receive) throws TException {
        received.reset(response.body());
        return receive.from(calls);
    }

    interface Send {
        void to(TCLIService.Client client) throws TException;
    }

    interface Receive<T> {
        T from(TCLIService.Client client) throws TException;
    }
}
