package io.lakegate.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lakegate.common.LakegateException;
import io.lakegate.common.Settings;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ServerTlsTest {
    private static final Duration INTERVAL = Duration.ofMinutes(1);

    @TempDir
    static Path made;
    /** Two CAs, each with a server and a client certificate: the second stands for a renewal. */
    private static TestCertificates first;
    private static TestCertificates second;

    @TempDir
    Path directory;
    private final AtomicLong nanoClock = new AtomicLong();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    static void makeCertificates() {
        first = TestCertificates.create(made.resolve("first"));
        second = TestCertificates.create(made.resolve("second"));
    }

    @BeforeEach
    void watchLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(ServerTls.class.getPackageName())).addAppender(log);
    }

    @AfterEach
    void stopWatchingLog() {
        ((Logger) LoggerFactory.getLogger(ServerTls.class.getPackageName())).detachAppender(log);
    }

    @Test
    void servesThePemCertificateAndKeyOverTls13ByDefault() throws SSLException {
        SSLSession session = Handshakes.handshake(first.clientContext(), start(first.serverSettings()));
        assertThat(served(session)).isEqualTo(certificate(first));
        assertThat(session.getProtocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void servesAPkcs12Keystore() throws SSLException {
        ServerTls tls = start(Map.of("lakegate.server.tls.enabled", "true",
                "lakegate.server.tls.keystore", first.serverKeystore().toString(),
                "lakegate.server.tls.keystore-password", TestCertificates.PASSWORD));
        assertThat(served(Handshakes.handshake(first.clientContext(), tls))).isEqualTo(certificate(first));
    }

    @Test
    void decryptsAnEncryptedKeyWithItsPassword() throws SSLException {
        Map<String, String> settings = new HashMap<>(first.serverSettings());
        settings.put("lakegate.server.tls.private-key", first.encryptedServerKey("s3cret").toString());
        settings.put("lakegate.server.tls.private-key-password", "s3cret");
        assertThat(served(Handshakes.handshake(first.clientContext(), start(settings)))).isEqualTo(certificate(first));

        settings.put("lakegate.server.tls.private-key-password", "wrong");
        assertRefused(settings, "lakegate.server.tls.private-key: cannot decrypt",
                "is lakegate.server.tls.private-key-password right?");
        settings.remove("lakegate.server.tls.private-key-password");
        assertRefused(settings, "server-key-encrypted.pem is encrypted; set lakegate.server.tls.private-key-password");
    }

    @Test
    void isOffUnlessEnabled() {
        Map<String, String> settings = new HashMap<>(first.serverSettings());
        settings.remove("lakegate.server.tls.enabled");
        assertThat(ServerTls.fromSettings(Settings.empty())).isEmpty();
        assertThat(log.list).isEmpty();
        assertThat(ServerTls.fromSettings(Settings.of(settings))).isEmpty();
        assertThat(lastLine()).isEqualTo("A TLS certificate is configured but lakegate.server.tls.enabled is false: "
                + "clients connect without encryption");
    }

    @Test
    void refusesSettingsThatDoNotFitTogether() {
        assertRefused(Map.of("lakegate.server.tls.enabled", "true"),
                "lakegate.server.tls.enabled is true but no certificate is configured: set "
                        + "lakegate.server.tls.certificate and lakegate.server.tls.private-key, or "
                        + "lakegate.server.tls.keystore");
        assertRefused(with(first.serverSettings(), "lakegate.server.tls.keystore", first.serverKeystore().toString()),
                "Set either lakegate.server.tls.certificate and lakegate.server.tls.private-key (PEM) or "
                        + "lakegate.server.tls.keystore (PKCS#12), not both");
        assertRefused(Map.of("lakegate.server.tls.enabled", "true",
                "lakegate.server.tls.certificate", first.serverCertificate().toString()),
                "lakegate.server.tls.certificate and lakegate.server.tls.private-key go together");
        assertRefused(with(first.serverSettings(), "lakegate.server.tls.client-auth", "REQUIRE"),
                "lakegate.server.tls.client-auth is REQUIRE but lakegate.server.tls.trust-certificates is not set");
        assertRefused(with(first.serverSettings(), "lakegate.server.tls.client-auth", "sometimes"),
                "Invalid value 'sometimes' for lakegate.server.tls.client-auth: expected NONE, OPTIONAL or REQUIRE");
    }

    @Test
    void refusesFilesItCannotUseNamingTheKey() throws IOException {
        Path missing = directory.resolve("missing.pem");
        assertRefused(with(first.serverSettings(), "lakegate.server.tls.certificate", missing.toString()),
                "lakegate.server.tls.certificate: " + missing + " does not exist");
        assertRefused(with(first.serverSettings(), "lakegate.server.tls.private-key",
                first.serverCertificate().toString()), "lakegate.server.tls.private-key: ",
                "holds no PEM private key");
        assertRefused(with(first.serverSettings(), "lakegate.server.tls.certificate", first.serverKey().toString()),
                "lakegate.server.tls.certificate: ", "holds no PEM certificate");
        assertRefused(with(first.serverSettings(), "lakegate.server.tls.private-key", second.serverKey().toString()),
                "the private key does not belong to the certificate CN=localhost");
        assertRefused(Map.of("lakegate.server.tls.enabled", "true",
                "lakegate.server.tls.keystore", first.serverKeystore().toString(),
                "lakegate.server.tls.keystore-password", "wrong"),
                "lakegate.server.tls.keystore: cannot open", "with lakegate.server.tls.keystore-password");
        Path pkcs1 = Files.writeString(directory.resolve("rsa.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
        assertRefused(with(first.serverSettings(), "lakegate.server.tls.private-key", pkcs1.toString()),
                "holds a RSA PRIVATE KEY, not PKCS#8; convert it with: openssl pkcs8 -topk8");
    }

    @Test
    void allowsNoVersionBeforeTls12() throws SSLException {
        assertRefused(with(first.serverSettings(), "lakegate.server.tls.protocols", "TLSv1.3,TLSv1.1"),
                "Invalid value 'TLSv1.3,TLSv1.1' for lakegate.server.tls.protocols: TLSv1.1 is older than TLSv1.2, "
                        + "the oldest version the server allows");
        assertRefused(with(first.serverSettings(), "lakegate.server.tls.protocols", "TLSv1"), "TLSv1 is older");
        assertRefused(with(first.serverSettings(), "lakegate.server.tls.protocols", "TLSv9"),
                "unknown TLS version TLSv9");
        assertThat(start(first.serverSettings()).newHandler(ByteBufAllocator.DEFAULT, Duration.ZERO).engine()
                .getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");

        ServerTls onlyTls12 = start(with(first.serverSettings(), "lakegate.server.tls.protocols", "tlsv1.2"));
        assertThat(Handshakes.handshake(first.clientContext(), onlyTls12).getProtocol()).isEqualTo("TLSv1.2");
        assertThatThrownBy(() -> Handshakes.handshake(first.clientContext(), onlyTls12, "TLSv1.3"))
                .isInstanceOf(SSLException.class);
    }

    @Test
    void requiredClientCertificatesMustChainToTheTrustedCas() throws SSLException {
        Map<String, String> settings = with(with(first.serverSettings(), "lakegate.server.tls.client-auth", "REQUIRE"),
                "lakegate.server.tls.trust-certificates", first.caCertificate().toString());
        ServerTls tls = start(settings);
        SSLSession session = Handshakes.handshake(first.clientContextWithCertificate(), tls);
        assertThat(((X509Certificate) session.getLocalCertificates()[0]).getSubjectX500Principal().getName())
                .isEqualTo("CN=lakegate-client");
        assertThatThrownBy(() -> Handshakes.handshake(first.clientContext(), tls)).isInstanceOf(SSLException.class);

        ServerTls trustingAnotherCa = start(with(settings, "lakegate.server.tls.trust-certificates",
                second.caCertificate().toString()));
        assertThatThrownBy(() -> Handshakes.handshake(first.clientContextWithCertificate(), trustingAnotherCa))
                .isInstanceOf(SSLException.class);

        ServerTls optional = start(with(settings, "lakegate.server.tls.client-auth", "OPTIONAL"));
        assertThat(served(Handshakes.handshake(first.clientContext(), optional))).isEqualTo(certificate(first));
    }

    @Test
    void newConnectionsGetRenewedFilesOnceTheIntervalPassesAndBrokenOnesKeepThePrevious() throws Exception {
        Path certificate = directory.resolve("server.pem");
        Path key = directory.resolve("server-key.pem");
        ServerTls tls = fromCopiesOfTheFirst(certificate, key, "1m");
        assertThat(servedByAnyCa(tls)).isEqualTo(certificate(first));

        replace(certificate, second.serverCertificate(), 1);
        replace(key, second.serverKey(), 1);
        nanoClock.addAndGet(INTERVAL.toNanos() - 1);
        assertThat(servedByAnyCa(tls)).as("before the interval has passed").isEqualTo(certificate(first));
        nanoClock.addAndGet(1);
        assertThat(servedByAnyCa(tls)).isEqualTo(certificate(second));
        assertThat(lastLine()).startsWith("TLS files changed: new connections get the certificate CN=localhost");

        Files.writeString(certificate, "half written");
        Files.setLastModifiedTime(certificate, FileTime.from(Instant.now().plusSeconds(2)));
        nanoClock.addAndGet(INTERVAL.toNanos());
        assertThat(servedByAnyCa(tls)).isEqualTo(certificate(second));
        assertThat(lastLine()).contains("TLS files changed but cannot be used", "holds no PEM certificate");
        int lines = log.list.size();
        nanoClock.addAndGet(INTERVAL.toNanos());
        assertThat(servedByAnyCa(tls)).isEqualTo(certificate(second));
        assertThat(log.list).as("a broken file is warned about once").hasSize(lines);

        replace(certificate, first.serverCertificate(), 3);
        nanoClock.addAndGet(INTERVAL.toNanos());
        assertThat(servedByAnyCa(tls)).as("a certificate without its key").isEqualTo(certificate(second));
        assertThat(lastLine()).contains("does not belong to the certificate");

        replace(key, first.serverKey(), 4);
        nanoClock.addAndGet(INTERVAL.toNanos());
        assertThat(servedByAnyCa(tls)).isEqualTo(certificate(first));
    }

    @Test
    void aZeroIntervalNeverChecks() throws Exception {
        Path certificate = directory.resolve("server.pem");
        Path key = directory.resolve("server-key.pem");
        ServerTls tls = fromCopiesOfTheFirst(certificate, key, "0");
        replace(certificate, second.serverCertificate(), 1);
        replace(key, second.serverKey(), 1);
        nanoClock.addAndGet(Duration.ofDays(1000).toNanos());
        assertThat(servedByAnyCa(tls)).isEqualTo(certificate(first));
    }

    /** A server on copies of the first certificate and key, which a test may then replace. */
    private ServerTls fromCopiesOfTheFirst(Path certificate, Path key, String reloadInterval) throws IOException {
        replace(certificate, first.serverCertificate(), 0);
        replace(key, first.serverKey(), 0);
        return start(Map.of("lakegate.server.tls.enabled", "true",
                "lakegate.server.tls.certificate", certificate.toString(),
                "lakegate.server.tls.private-key", key.toString(),
                "lakegate.server.tls.reload-interval", reloadInterval));
    }

    private ServerTls start(Map<String, String> settings) {
        return new ServerTls(TlsSettings.from(Settings.of(settings)).orElseThrow(), nanoClock::get);
    }

    private void assertRefused(Map<String, String> settings, String... fragments) {
        assertThatThrownBy(() -> start(settings)).isInstanceOf(LakegateException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        Map<String, String> changed = new HashMap<>(settings);
        changed.put(key, value);
        return changed;
    }

    /** Copies the file over the target with a modification time seconds from now, as a renewal would leave it. */
    private static void replace(Path target, Path source, int seconds) throws IOException {
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(target, FileTime.from(Instant.now().plusSeconds(seconds)));
    }

    private static X509Certificate certificate(TestCertificates certificates) {
        return TlsFiles.certificates(TlsConfigKeys.CERTIFICATE, certificates.serverCertificate()).get(0);
    }

    private static X509Certificate served(SSLSession session) throws SSLException {
        return (X509Certificate) session.getPeerCertificates()[0];
    }

    /** What a client that trusts whatever it is shown gets: the certificates of both CAs are served. */
    private static X509Certificate servedByAnyCa(ServerTls tls) throws GeneralSecurityException, SSLException {
        SSLContext trusting = SSLContext.getInstance("TLS");
        trusting.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
        return served(Handshakes.handshake(trusting, tls));
    }

    private String lastLine() {
        List<ILoggingEvent> events = log.list;
        return events.get(events.size() - 1).getFormattedMessage();
    }
}
