package io.lakegate.server;

import static io.lakegate.server.FaultChecks.LIMIT;
import static io.lakegate.server.FaultChecks.USER;
import static io.lakegate.server.FaultChecks.answer;
import static io.lakegate.server.FaultChecks.startServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakegate.common.LakegateException;
import io.lakegate.server.SharedServer.RunningServer;
import io.lakegate.server.tls.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TGetInfoReq;
import org.apache.hive.service.rpc.thrift.TGetInfoType;
import org.apache.hive.service.rpc.thrift.TOpenSessionReq;
import org.apache.hive.service.rpc.thrift.TOpenSessionResp;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.hive.service.rpc.thrift.TStatusCode;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TMemoryBuffer;
import org.apache.thrift.transport.TSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on both transports, each test with a server of its own in front of the shared engine: the unmodified Hive JDBC
 * driver with ssl=true, clients that speak plaintext to a TLS port, and client certificates.
 */
@ExtendWith(SharedServer.class)
class TlsIT {
    private static final String FAILED_HANDSHAKE = "TLS handshake failed";

    @TempDir
    static Path directory;
    private static TestCertificates certificates;

    @BeforeAll
    static void makeCertificates() {
        certificates = TestCertificates.create(directory);
    }

    @Test
    void hiveJdbcRunsStatementsOverTlsOnBothTransports(RunningServer shared) throws SQLException {
        try (ThriftServer server = startServer(shared.engine(), certificates.serverSettings())) {
            assertThat(selectOne(binaryUrl(server))).isEqualTo(1);
            assertThat(selectOne(httpUrl(server))).isEqualTo(1);
        }
    }

    @Test
    void plaintextClientsAreClosedWithOneLineEachAndTlsClientsGoOn(RunningServer shared) throws Exception {
        try (ThriftServer server = startServer(shared.engine(), certificates.serverSettings());
                LogWatch log = new LogWatch();
                LogCounter counter = new LogCounter()) {
            String plaintext = "jdbc:hive2://127.0.0.1:" + server.address().getPort() + "/default";
            assertThatThrownBy(() -> IsolatedDriver.HIVE_JDBC.connect(plaintext, USER, "pw"))
                    .isInstanceOf(SQLException.class);
            log.await(LIMIT, FAILED_HANDSHAKE, "the client sent no TLS record");

            // A NOSASL OpenSession, then an HTTP request: neither gets an answer, only the close.
            assertClosedWithoutAnswer(server.address().getPort(), openSessionCall());
            assertClosedWithoutAnswer(server.httpAddress().getPort(), ("POST /cliservice HTTP/1.1\r\nHost: localhost"
                    + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

            assertThat(selectOne(binaryUrl(server))).isEqualTo(1);
            assertThat(selectOne(httpUrl(server))).isEqualTo(1);
            assertThat(log.count(FAILED_HANDSHAKE)).as("lines about the plaintext clients").isEqualTo(3);
            assertThat(log.count("Closing")).as("lines about closed connections").isEqualTo(3);
            assertThat(counter.stackTraces()).filteredOn(trace -> trace.startsWith("io.lakegate.server")).isEmpty();
        }
    }

    @Test
    void aHandshakeNotFinishedInTimeClosesTheConnection(RunningServer shared) throws Exception {
        Map<String, String> settings = new HashMap<>(certificates.serverSettings());
        settings.put("lakegate.server.handshake-timeout", "1s");
        try (ThriftServer server = startServer(shared.engine(), settings); LogWatch log = new LogWatch()) {
            assertClosedWithoutAnswer(server.httpAddress().getPort(), new byte[0]);
            log.await(LIMIT, FAILED_HANDSHAKE, "timed out");
            assertClosedWithoutAnswer(server.address().getPort(), new byte[0]);
            log.await(LIMIT, "it sent nothing within PT1S");
        }
    }

    @Test
    void requiredClientCertificatesRefuseClientsWithoutATrustedOne(RunningServer shared) throws Exception {
        Map<String, String> settings = new HashMap<>(certificates.serverSettings());
        settings.put("lakegate.server.tls.client-auth", "REQUIRE");
        settings.put("lakegate.server.tls.trust-certificates", certificates.caCertificate().toString());
        try (ThriftServer server = startServer(shared.engine(), settings); LogWatch log = new LogWatch()) {
            int port = server.address().getPort();
            assertThatThrownBy(() -> serverName(certificates.clientContext(), port)).isInstanceOf(TException.class);
            log.await(LIMIT, FAILED_HANDSHAKE);
            assertThatThrownBy(() -> selectOne(binaryUrl(server))).isInstanceOf(SQLException.class);

            assertThat(serverName(certificates.clientContextWithCertificate(), port)).isEqualTo("Lakegate");
            assertThat(selectOne(httpUrl(server) + ";twoWay=true;sslKeyStore=" + certificates.clientKeystore()
                    + ";keyStorePassword=" + TestCertificates.PASSWORD)).isEqualTo(1);
        }
    }

    @Test
    void theServerDoesNotStartWithTlsItCannotSetUp(RunningServer shared) {
        Map<String, String> settings = new HashMap<>(certificates.serverSettings());
        settings.put("lakegate.server.tls.private-key", directory.resolve("missing.pem").toString());
        assertThatThrownBy(() -> startServer(shared.engine(), settings).close())
                .isInstanceOf(LakegateException.class)
                .hasMessageContaining("lakegate.server.tls.private-key: ")
                .hasMessageContaining("missing.pem does not exist");
    }

    private static String binaryUrl(ThriftServer server) {
        return "jdbc:hive2://127.0.0.1:" + server.address().getPort() + "/default" + trustingTheCa();
    }

    private static String httpUrl(ThriftServer server) {
        return "jdbc:hive2://127.0.0.1:" + server.httpAddress().getPort() + "/default;transportMode=http;"
                + "httpPath=cliservice" + trustingTheCa();
    }

    private static String trustingTheCa() {
        return ";ssl=true;sslTrustStore=" + certificates.trustStore() + ";trustStorePassword="
                + TestCertificates.PASSWORD;
    }

    private static Object selectOne(String url) throws SQLException {
        try (Connection connection = IsolatedDriver.HIVE_JDBC.connect(url, USER, "pw")) {
            return answer(connection, "SELECT 1");
        }
    }

    /** The server's name, asked over NOSASL through a TLS socket of the context. */
    private static String serverName(SSLContext context, int port) throws IOException, TException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout((int) LIMIT.toMillis());
            TCLIService.Client client = new TCLIService.Client(new TBinaryProtocol(new TSocket(socket)));
            TOpenSessionReq request = new TOpenSessionReq(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10);
            request.setUsername(USER);
            TOpenSessionResp session = client.OpenSession(request);
            assertThat(session.getStatus().getStatusCode()).isEqualTo(TStatusCode.SUCCESS_STATUS);
            return client.GetInfo(new TGetInfoReq(session.getSessionHandle(), TGetInfoType.CLI_SERVER_NAME))
                    .getInfoValue().getStringValue();
        }
    }

    private static byte[] openSessionCall() throws TException {
        TMemoryBuffer call = new TMemoryBuffer(256);
        new TCLIService.Client(new TBinaryProtocol(call))
                .send_OpenSession(new TOpenSessionReq(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10));
        return Arrays.copyOf(call.getArray(), call.length());
    }

    /**
     * Sends the bytes in plaintext and reads until the server closes the connection: it may send a TLS alert, never a
     * Thrift or HTTP answer.
     */
    private static void assertClosedWithoutAnswer(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            try {
                in.transferTo(received);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("The server kept the plaintext connection open", e);
            } catch (SocketException e) {
                // Reset rather than closed in order, as a server may when it leaves bytes unread: closed all the same.
            }
            byte[] bytes = received.toByteArray();
            assertThat(bytes.length == 0 || bytes[0] == 0x15).as("nothing or a TLS alert, got %s bytes starting %s",
                    bytes.length, bytes.length == 0 ? "" : Integer.toHexString(bytes[0])).isTrue();
        }
    }
}
