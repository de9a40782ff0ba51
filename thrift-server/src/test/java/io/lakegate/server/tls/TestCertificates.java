package io.lakegate.server.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made at test time with the JDK's keytool, valid for 30 days: a CA, a server certificate for
 * {@code localhost} and {@code 127.0.0.1} and a client certificate ({@code CN=lakegate-client}), both signed by the CA.
 * Every keystore and trust store is PKCS#12 with the password {@link #PASSWORD}.
 *
 * @param caCertificate the CA's certificate, PEM: the server's trust-certificates for client certificates
 * @param serverCertificate the server's certificate followed by the CA's, PEM
 * @param serverKey the server's private key, PEM PKCS#8, not encrypted
 * @param serverKeystore the server's key and chain, PKCS#12
 * @param trustStore the CA as a trusted entry, PKCS#12: a client's sslTrustStore
 * @param clientKeystore the client's key and chain, PKCS#12
 */
public record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey, Path serverKeystore,
        Path trustStore, Path clientKeystore) {
    public static final String PASSWORD = "changeit";
    private static final String SERVER = "server";
    private static final String CLIENT = "client";
    /** Small keys that keytool makes fast and every TLS 1.2 and 1.3 client takes. */
    private static final List<String> KEY_ALGORITHM = List.of("-keyalg", "EC", "-groupname", "secp256r1");
    private static final List<String> VALIDITY = List.of("-validity", "30");

    /** Makes the files in the directory, which is created if need be. */
    public static TestCertificates create(Path directory) {
        try {
            Files.createDirectories(directory);
            Path ca = directory.resolve("ca.p12");
            keytool("-genkeypair", "-keystore", ca, "-alias", "ca", "-dname", "CN=Lakegate Test CA", KEY_ALGORITHM,
                    VALIDITY, "-ext", "bc:c", "-ext", "KeyUsage:critical=keyCertSign,cRLSign");
            X509Certificate caCertificate = (X509Certificate) load(ca).getCertificate("ca");
            Path caPem = directory.resolve("ca.pem");
            Files.writeString(caPem, pem("CERTIFICATE", caCertificate.getEncoded()));

            Path serverKeystore = issue(directory, ca, caCertificate, SERVER, "CN=localhost",
                    "SAN=dns:localhost,ip:127.0.0.1", "EKU=serverAuth");
            Path clientKeystore = issue(directory, ca, caCertificate, CLIENT, "CN=lakegate-client", "EKU=clientAuth");

            KeyStore server = load(serverKeystore);
            Path serverPem = directory.resolve("server.pem");
            StringBuilder chain = new StringBuilder();
            for (Certificate certificate : server.getCertificateChain(SERVER)) {
                chain.append(pem("CERTIFICATE", certificate.getEncoded()));
            }
            Files.writeString(serverPem, chain);
            Path serverKey = directory.resolve("server-key.pem");
            Files.writeString(serverKey, pem("PRIVATE KEY", server.getKey(SERVER, PASSWORD.toCharArray())
                    .getEncoded()));

            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", caCertificate);
            Path trustStore = directory.resolve("truststore.p12");
            store(trust, trustStore);
            return new TestCertificates(caPem, serverPem, serverKey, serverKeystore, trustStore, clientKeystore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The settings of a server with TLS on, from the PEM certificate and key. */
    public Map<String, String> serverSettings() {
        return Map.of(TlsConfigKeys.ENABLED.name(), "true",
                TlsConfigKeys.CERTIFICATE.name(), serverCertificate.toString(),
                TlsConfigKeys.PRIVATE_KEY.name(), serverKey.toString());
    }

    /** Writes the server's key encrypted with the password (PBES2 with AES-256, as openssl writes it) beside it. */
    public Path encryptedServerKey(String password) {
        try {
            PrivateKey key = (PrivateKey) load(serverKeystore).getKey(SERVER, PASSWORD.toCharArray());
            String algorithm = "PBEWithHmacSHA256AndAES_256";
            byte[] salt = new byte[16];
            byte[] iv = new byte[16];
            SecureRandom random = new SecureRandom();
            random.nextBytes(salt);
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.ENCRYPT_MODE,
                    SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password.toCharArray())),
                    new PBEParameterSpec(salt, 10_000, new IvParameterSpec(iv)));
            // The cipher's parameters are named after the cipher, which has no OID: the file names PBES2 instead.
            AlgorithmParameters pbes2 = AlgorithmParameters.getInstance("PBES2");
            pbes2.init(cipher.getParameters().getEncoded());
            byte[] encrypted = new EncryptedPrivateKeyInfo(pbes2, cipher.doFinal(key.getEncoded())).getEncoded();
            Path file = serverKey.resolveSibling("server-key-encrypted.pem");
            Files.writeString(file, pem("ENCRYPTED PRIVATE KEY", encrypted));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client context that trusts the CA and has no certificate of its own. */
    public SSLContext clientContext() {
        return context(false);
    }

    /** A client context that trusts the CA and presents the client certificate when asked. */
    public SSLContext clientContextWithCertificate() {
        return context(true);
    }

    private SSLContext context(boolean withCertificate) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trustStore));
            KeyManagerFactory keys = null;
            if (withCertificate) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(clientKeystore), PASSWORD.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key pair in a PKCS#12 keystore of its own, its certificate signed by the CA and chained to it. */
    private static Path issue(Path directory, Path ca, X509Certificate caCertificate, String name, String subject,
            String... extensions) throws IOException, GeneralSecurityException {
        Path request = directory.resolve(name + "-request.p12");
        Path csr = directory.resolve(name + ".csr");
        Path signed = directory.resolve(name + ".crt");
        keytool("-genkeypair", "-keystore", request, "-alias", name, "-dname", subject, KEY_ALGORITHM, VALIDITY);
        keytool("-certreq", "-keystore", request, "-alias", name, "-file", csr);
        List<String> options = new ArrayList<>(VALIDITY);
        for (String extension : extensions) {
            options.addAll(List.of("-ext", extension));
        }
        keytool("-gencert", "-keystore", ca, "-alias", "ca", "-infile", csr, "-outfile", signed, "-rfc", options);
        X509Certificate certificate;
        try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(signed))) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore issued = KeyStore.getInstance("PKCS12");
        issued.load(null, null);
        issued.setKeyEntry(name, load(request).getKey(name, PASSWORD.toCharArray()), PASSWORD.toCharArray(),
                new Certificate[] {certificate, caCertificate});
        Path keystore = directory.resolve(name + ".p12");
        store(issued, keystore);
        return keystore;
    }

    private static void keytool(Object... arguments) {
        // A JVM that compiles little and collects simply starts in half the time, which adds up over seven runs.
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        for (Object argument : arguments) {
            if (argument instanceof List<?> options) {
                options.forEach(option -> command.add(option.toString()));
            } else {
                command.add(argument.toString());
            }
        }
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static void store(KeyStore store, Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
