package io.lakegate.server.tls;

import static io.lakegate.server.tls.TlsFiles.invalid;

import io.lakegate.common.Settings;
import io.lakegate.server.tls.TlsFiles.KeyAndChain;
import io.netty.handler.ssl.ClientAuth;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS settings, their combination checked at start; the files they name are read on each (re)load.
 *
 * @param keystore the PKCS#12 file, when it rather than a PEM certificate and key holds the server's key
 * @param trustCertificates the CAs of client certificates; empty when client-auth is NONE
 */
record TlsSettings(Optional<Path> certificate, Optional<Path> privateKey, Optional<String> privateKeyPassword,
        Optional<Path> keystore, Optional<String> keystorePassword, List<String> protocols, ClientAuth clientAuth,
        Optional<Path> trustCertificates, Duration reloadInterval) {
    private static final Logger LOG = LoggerFactory.getLogger(TlsSettings.class);

    /** The settings when TLS is on; empty when it is off. */
    static Optional<TlsSettings> from(Settings settings) {
        Optional<Path> certificate = settings.find(TlsConfigKeys.CERTIFICATE);
        Optional<Path> privateKey = settings.find(TlsConfigKeys.PRIVATE_KEY);
        Optional<Path> keystore = settings.find(TlsConfigKeys.KEYSTORE);
        if (!settings.get(TlsConfigKeys.ENABLED)) {
            if (certificate.isPresent() || keystore.isPresent()) {
                LOG.warn("A TLS certificate is configured but {} is false: clients connect without encryption",
                        TlsConfigKeys.ENABLED.name());
            }
            return Optional.empty();
        }
        boolean pem = certificate.isPresent() || privateKey.isPresent();
        if (pem && keystore.isPresent()) {
            throw invalid("Set either " + TlsConfigKeys.CERTIFICATE.name() + " and " + TlsConfigKeys.PRIVATE_KEY.name()
                    + " (PEM) or " + TlsConfigKeys.KEYSTORE.name() + " (PKCS#12), not both", null);
        }
        if (!pem && keystore.isEmpty()) {
            throw invalid(TlsConfigKeys.ENABLED.name() + " is true but no certificate is configured: set "
                    + TlsConfigKeys.CERTIFICATE.name() + " and " + TlsConfigKeys.PRIVATE_KEY.name() + ", or "
                    + TlsConfigKeys.KEYSTORE.name(), null);
        }
        if (pem && (certificate.isEmpty() || privateKey.isEmpty())) {
            throw invalid(TlsConfigKeys.CERTIFICATE.name() + " and " + TlsConfigKeys.PRIVATE_KEY.name()
                    + " go together: set both", null);
        }
        ClientAuth clientAuth = settings.get(TlsConfigKeys.CLIENT_AUTH);
        Optional<Path> trust = settings.find(TlsConfigKeys.TRUST_CERTIFICATES);
        if (clientAuth != ClientAuth.NONE && trust.isEmpty()) {
            throw invalid(TlsConfigKeys.CLIENT_AUTH.name() + " is " + clientAuth + " but "
                    + TlsConfigKeys.TRUST_CERTIFICATES.name() + " is not set: it names the CA certificates that "
                    + "client certificates must chain to", null);
        }
        if (clientAuth == ClientAuth.NONE && trust.isPresent()) {
            LOG.warn("{} is ignored while {} is NONE", TlsConfigKeys.TRUST_CERTIFICATES.name(),
                    TlsConfigKeys.CLIENT_AUTH.name());
            trust = Optional.empty();
        }
        return Optional.of(new TlsSettings(certificate, privateKey, settings.find(TlsConfigKeys.PRIVATE_KEY_PASSWORD),
                keystore, settings.find(TlsConfigKeys.KEYSTORE_PASSWORD), settings.get(TlsConfigKeys.PROTOCOLS),
                clientAuth, trust, settings.get(TlsConfigKeys.RELOAD_INTERVAL)));
    }

    /** Every file the settings name, which a reload reads again when one of them changes. */
    List<Path> files() {
        List<Path> files = new ArrayList<>();
        certificate.ifPresent(files::add);
        privateKey.ifPresent(files::add);
        keystore.ifPresent(files::add);
        trustCertificates.ifPresent(files::add);
        return List.copyOf(files);
    }

    /** The server's key and certificate chain as the files hold them now, checked to belong together. */
    KeyAndChain readKeyAndChain() {
        KeyAndChain pair;
        String source;
        if (keystore.isPresent()) {
            pair = TlsFiles.keystore(TlsConfigKeys.KEYSTORE, keystore.get(), TlsConfigKeys.KEYSTORE_PASSWORD,
                    keystorePassword);
            source = TlsConfigKeys.KEYSTORE.name() + " " + keystore.get();
        } else {
            pair = new KeyAndChain(TlsFiles.privateKey(TlsConfigKeys.PRIVATE_KEY, privateKey.orElseThrow(),
                    TlsConfigKeys.PRIVATE_KEY_PASSWORD, privateKeyPassword),
                    TlsFiles.certificates(TlsConfigKeys.CERTIFICATE, certificate.orElseThrow()));
            source = TlsConfigKeys.PRIVATE_KEY.name() + " " + privateKey.get();
        }
        TlsFiles.checkPair(pair, source);
        return pair;
    }

    /** The CA certificates client certificates must chain to, as the file holds them now. */
    Optional<List<X509Certificate>> readTrustCertificates() {
        return trustCertificates.map(file -> TlsFiles.certificates(TlsConfigKeys.TRUST_CERTIFICATES, file));
    }
}
