package io.lakegate.server.tls;

import io.lakegate.common.ConfigKey;
import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads the certificates and keys TLS is configured with. Each failure is a {@link LakegateException} whose message
 * names the key and the file, and says what to do where that is clear: the operator reads it at start or in a reload
 * warning, and a stack trace would not tell more.
 */
final class TlsFiles {
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS", "DSA");
    private static final byte[] PROBE = "lakegate key check".getBytes(StandardCharsets.US_ASCII);

    /** A private key and the chain of its certificate, the server's own first. */
    record KeyAndChain(PrivateKey key, List<X509Certificate> chain) {
        X509Certificate certificate() {
            return chain.get(0);
        }
    }

    private TlsFiles() {}

    /** The certificates of a PEM file, in their order there; fails when it has none. */
    static List<X509Certificate> certificates(ConfigKey<Path> key, Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (PemBlock block : pemBlocks(key, file)) {
                if (block.type().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(block.der(key, file))));
                }
            }
        } catch (CertificateException e) {
            throw invalid(key.name() + ": " + file + " holds a certificate that cannot be read (" + e.getMessage()
                    + ")", e);
        }
        if (certificates.isEmpty()) {
            throw invalid(key.name() + ": " + file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)", null);
        }
        return List.copyOf(certificates);
    }

    /** The key of a PEM file in PKCS#8, decrypted with the password when it is encrypted. */
    static PrivateKey privateKey(ConfigKey<Path> key, Path file, ConfigKey<String> passwordKey,
            Optional<String> password) {
        for (PemBlock block : pemBlocks(key, file)) {
            switch (block.type()) {
                case "PRIVATE KEY":
                    return decode(key, file, new PKCS8EncodedKeySpec(block.der(key, file)));
                case "ENCRYPTED PRIVATE KEY":
                    String secret = password.orElseThrow(() -> invalid(key.name() + ": " + file
                            + " is encrypted; set " + passwordKey.name(), null));
                    return decode(key, file, decrypt(key, file, passwordKey, block.der(key, file), secret));
                case "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY":
                    throw invalid(key.name() + ": " + file + " holds a " + block.type() + ", not PKCS#8; convert it "
                            + "with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem", null);
                default:
                    break;
            }
        }
        throw invalid(key.name() + ": " + file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)", null);
    }

    /** The one private key of a PKCS#12 keystore, with its certificate chain. */
    static KeyAndChain keystore(ConfigKey<Path> key, Path file, ConfigKey<String> passwordKey,
            Optional<String> password) {
        char[] secret = password.orElse("").toCharArray();
        KeyStore store;
        try (InputStream in = Files.newInputStream(readable(key, file))) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, secret);
        } catch (IOException | GeneralSecurityException e) {
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw invalid(key.name() + ": cannot open " + file + " as PKCS#12 with " + passwordKey.name() + " ("
                    + reason + ")", e);
        }
        try {
            List<String> keys = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keys.add(alias);
                }
            }
            if (keys.size() != 1) {
                throw invalid(key.name() + ": " + file + " holds " + keys.size() + " private keys " + keys
                        + "; it must hold exactly the server's", null);
            }
            PrivateKey privateKey = (PrivateKey) store.getKey(keys.get(0), secret);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : store.getCertificateChain(keys.get(0))) {
                chain.add((X509Certificate) certificate);
            }
            return new KeyAndChain(privateKey, List.copyOf(chain));
        } catch (GeneralSecurityException e) {
            throw invalid(key.name() + ": cannot read the key in " + file + " with " + passwordKey.name() + " ("
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * Fails unless the key signs what the certificate's public key verifies: a certificate renewed without its new key
     * would otherwise load, and every handshake would fail.
     */
    static void checkPair(KeyAndChain pair, String source) {
        PrivateKey key = pair.key();
        Optional<String> algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> Optional.of("SHA256withRSA");
            case "EC" -> Optional.of("SHA256withECDSA");
            case "EdDSA", "Ed25519", "Ed448" -> Optional.of(key.getAlgorithm());
            case "DSA" -> Optional.of("SHA256withDSA");
            default -> Optional.empty();
        };
        if (algorithm.isEmpty()) {
            return;
        }
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm.get());
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm.get());
            verifier.initVerify(pair.certificate().getPublicKey());
            verifier.update(PROBE);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw invalid(source + ": the private key does not belong to the certificate "
                    + pair.certificate().getSubjectX500Principal().getName(), null);
        }
    }

    static LakegateException invalid(String message, Throwable cause) {
        return new LakegateException(SqlStates.INVALID_PARAMETER_VALUE, message, cause);
    }

    /** The file, when it is one the server can read; the failure names the key that points at it. */
    static Path readable(ConfigKey<Path> key, Path file) {
        if (!Files.exists(file)) {
            throw invalid(key.name() + ": " + file + " does not exist", null);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw invalid(key.name() + ": " + file + " is not a file the server can read", null);
        }
        return file;
    }

    private static PKCS8EncodedKeySpec decrypt(ConfigKey<Path> key, Path file, ConfigKey<String> passwordKey,
            byte[] der, String password) {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            // PBES2, what openssl writes, names its real cipher only in the parameters: PBEWithHmacSHA256AndAES_256...
            String algorithm = info.getAlgParameters() != null && isPbes2(info.getAlgName())
                    ? info.getAlgParameters().toString() : info.getAlgName();
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(algorithm)
                    .generateSecret(new PBEKeySpec(password.toCharArray())), info.getAlgParameters());
            return info.getKeySpec(cipher);
        } catch (IOException | GeneralSecurityException e) {
            throw invalid(key.name() + ": cannot decrypt " + file + "; is " + passwordKey.name() + " right? ("
                    + e.getMessage() + ")", e);
        }
    }

    private static boolean isPbes2(String algorithm) {
        return algorithm.equals("PBES2") || algorithm.equals("1.2.840.113549.1.5.13");
    }

    private static PrivateKey decode(ConfigKey<Path> key, Path file, PKCS8EncodedKeySpec spec) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | NoSuchAlgorithmException e) {
                // Not a key of this algorithm: try the next one.
            }
        }
        throw invalid(key.name() + ": " + file + " holds a private key of no algorithm the server knows, or a "
                + "damaged one", null);
    }

    /** One BEGIN/END block of a PEM file, decoded only when used: a key with openssl's old headers is not Base64. */
    private record PemBlock(String type, String body) {
        byte[] der(ConfigKey<Path> key, Path file) {
            try {
                return Base64.getMimeDecoder().decode(body.trim());
            } catch (IllegalArgumentException e) {
                throw invalid(key.name() + ": " + file + " has a " + type + " block that is not Base64", e);
            }
        }
    }

    private static List<PemBlock> pemBlocks(ConfigKey<Path> key, Path file) {
        String text;
        try {
            text = Files.readString(readable(key, file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw invalid(key.name() + ": cannot read " + file + " (" + e.getMessage() + ")", e);
        }
        List<PemBlock> blocks = new ArrayList<>();
        Matcher matcher = PEM_BLOCK.matcher(text);
        while (matcher.find()) {
            blocks.add(new PemBlock(matcher.group(1), matcher.group(2)));
        }
        return blocks;
    }
}
