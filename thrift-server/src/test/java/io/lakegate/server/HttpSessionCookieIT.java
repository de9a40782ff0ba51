package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.common.Settings;
import io.lakegate.engine.Engine;
import io.lakegate.server.SharedServer.RunningServer;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TCloseSessionReq;
import org.apache.hive.service.rpc.thrift.THandleIdentifier;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.apache.hive.service.rpc.thrift.TStatusCode;
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
        ThriftOverHttp client = new ThriftOverHttp(shared.server().httpAddress(), "tester", "any password");
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
            ThriftOverHttp client = new ThriftOverHttp(server.httpAddress(), "tester", "any password");
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
}
