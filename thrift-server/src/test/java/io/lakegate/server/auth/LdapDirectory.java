package io.lakegate.server.auth;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldif.LDIFException;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import com.unboundid.util.ssl.cert.ManageCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An LDAP directory for tests: UnboundID's in-memory server on 127.0.0.1 (ephemeral ports), with an ldap:// listener
 * that also offers StartTLS and an ldaps:// one, both with a self-signed certificate for 127.0.0.1 made when the
 * first directory of the JVM starts. It holds {@value #BASE_DN} with {@code ou=people} (users alice, bob, carol),
 * {@code ou=groups} ({@code groupOfNames}: analysts = alice and carol, auditors = bob, finance = carol) and the
 * service account {@value #SERVICE_DN}. Users carry {@code memberOf}, which the directory keeps in step with the
 * groups' {@code member} the way OpenLDAP's memberof overlay does.
 *
 * <pre>{@code
 * try (LdapDirectory ldap = LdapDirectory.start();
 *         LdapAuthenticator authenticator = LdapAuthenticator.from(Settings.of(ldap.searchSettings()))) {
 *     authenticator.authenticate("alice", ldap.password("alice"));
 * }
 * }</pre>
 */
public final class LdapDirectory implements AutoCloseable {
    public static final String BASE_DN = "dc=example,dc=com";
    public static final String PEOPLE_DN = "ou=people," + BASE_DN;
    public static final String GROUPS_DN = "ou=groups," + BASE_DN;
    public static final String SERVICE_DN = "cn=lakegate,ou=services," + BASE_DN;
    public static final String SERVICE_PASSWORD = "service-secret";
    /** Password of {@link #trustStore()}. */
    public static final String TRUST_STORE_PASSWORD = "changeit";

    private static final String KEY_STORE_PASSWORD = "server-secret";
    private static final String PREFIX = "lakegate.auth.ldap.";

    private final InMemoryDirectoryServer server;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();

    private LdapDirectory(InMemoryDirectoryServer server) {
        this.server = server;
    }

    /** A running directory with the users, groups and service account above. */
    public static LdapDirectory start() {
        try {
            SSLUtil tls = new SSLUtil(new KeyStoreKeyManager(Certificate.KEY_STORE.toFile(),
                    KEY_STORE_PASSWORD.toCharArray(), "PKCS12", "server"), new TrustAllTrustManager());
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
            config.setListenerConfigs(
                    InMemoryListenerConfig.createLDAPConfig("ldap", loopback, 0, tls.createSSLSocketFactory()),
                    InMemoryListenerConfig.createLDAPSConfig("ldaps", loopback, 0, tls.createSSLServerSocketFactory(),
                            tls.createSSLSocketFactory()));
            // Without a schema the server accepts memberOf on users and groups left with no member, as OpenLDAP
            // with the memberof overlay and a relaxed groupOfNames does.
            config.setSchema(null);
            InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
            server.add("dn: " + BASE_DN, "objectClass: domain", "dc: example");
            for (String unit : new String[] {"people", "groups", "services"}) {
                server.add("dn: ou=" + unit + "," + BASE_DN, "objectClass: organizationalUnit", "ou: " + unit);
            }
            server.add("dn: " + SERVICE_DN, "objectClass: applicationProcess", "objectClass: simpleSecurityObject",
                    "cn: lakegate", "userPassword: " + SERVICE_PASSWORD);
            server.startListening();
            LdapDirectory directory = new LdapDirectory(server);
            directory.addUser("alice", "alice-Secret1", "analysts");
            directory.addUser("bob", "bob-Secret2", "auditors");
            directory.addUser("carol", "carol-Secret3", "analysts", "finance");
            return directory;
        } catch (LDAPException | LDIFException | GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot start the test LDAP directory", e);
        }
    }

    /** {@code ldap://127.0.0.1:port}, which also offers StartTLS. */
    public String url() {
        return "ldap://127.0.0.1:" + server.getListenPort("ldap");
    }

    /** {@code ldaps://127.0.0.1:port}. */
    public String ldapsUrl() {
        return "ldaps://127.0.0.1:" + server.getListenPort("ldaps");
    }

    /** The server's certificate as a PEM file, for {@code lakegate.auth.ldap.trust-file}. */
    public Path trustFile() {
        return Certificate.PEM;
    }

    /** The server's certificate in a PKCS12 trust store, password {@link #TRUST_STORE_PASSWORD}. */
    public Path trustStore() {
        return Certificate.TRUST_STORE;
    }

    /** The current password of a user. */
    public String password(String user) {
        return passwords.get(user);
    }

    public String userDn(String user) {
        return "uid=" + user + "," + PEOPLE_DN;
    }

    public String groupDn(String group) {
        return "cn=" + group + "," + GROUPS_DN;
    }

    /**
     * Settings that bind as {@code uid={0},ou=people,...} and take the groups from memberOf, read as the user (no
     * service account).
     */
    public Map<String, String> patternSettings() {
        return Map.of(PREFIX + "url", url(), PREFIX + "user-dn-pattern", "uid={0}," + PEOPLE_DN,
                PREFIX + "member-of-attribute", "memberOf");
    }

    /** Settings that find users with the service account under ou=people and search for groups under ou=groups. */
    public Map<String, String> searchSettings() {
        return Map.of(PREFIX + "url", url(), PREFIX + "bind-dn", SERVICE_DN, PREFIX + "bind-password",
                SERVICE_PASSWORD, PREFIX + "user-search-base", PEOPLE_DN, PREFIX + "group-search-base", GROUPS_DN);
    }

    /** Adds a user under ou=people, in the given groups (created when missing). */
    public void addUser(String user, String password, String... groups) {
        try {
            server.add("dn: " + userDn(user), "objectClass: inetOrgPerson", "uid: " + user, "cn: " + user,
                    "sn: " + user, "userPassword: " + password);
        } catch (LDAPException | LDIFException e) {
            throw new IllegalStateException("Cannot add " + user, e);
        }
        passwords.put(user, password);
        for (String group : groups) {
            addToGroup(user, group);
        }
    }

    /** Adds any entry, as LDIF lines ({@code "dn: ..."}, {@code "objectClass: ..."}, ...). */
    public void addEntry(String... ldif) {
        try {
            server.add(ldif);
        } catch (LDAPException | LDIFException e) {
            throw new IllegalStateException("Cannot add " + ldif[0], e);
        }
    }

    /** Adds values to an attribute of an entry. */
    public void addValues(String dn, String attribute, String... values) {
        try {
            server.modify(dn, new Modification(ModificationType.ADD, attribute, values));
        } catch (LDAPException e) {
            throw new IllegalStateException("Cannot add " + attribute + " values to " + dn, e);
        }
    }

    /** Puts a user in a group, creating the group when missing. */
    public void addToGroup(String user, String group) {
        try {
            if (server.getEntry(groupDn(group)) == null) {
                server.add("dn: " + groupDn(group), "objectClass: groupOfNames", "cn: " + group);
            }
            server.modify(groupDn(group), new Modification(ModificationType.ADD, "member", userDn(user)));
            server.modify(userDn(user), new Modification(ModificationType.ADD, "memberOf", groupDn(group)));
        } catch (LDAPException | LDIFException e) {
            throw new IllegalStateException("Cannot add " + user + " to " + group, e);
        }
    }

    public void removeFromGroup(String user, String group) {
        try {
            server.modify(groupDn(group), new Modification(ModificationType.DELETE, "member", userDn(user)));
            server.modify(userDn(user), new Modification(ModificationType.DELETE, "memberOf", groupDn(group)));
        } catch (LDAPException e) {
            throw new IllegalStateException("Cannot remove " + user + " from " + group, e);
        }
    }

    public void setPassword(String user, String password) {
        try {
            server.modify(userDn(user), new Modification(ModificationType.REPLACE, "userPassword", password));
        } catch (LDAPException e) {
            throw new IllegalStateException("Cannot change the password of " + user, e);
        }
        passwords.put(user, password);
    }

    /** Stops listening and drops every open connection, as a server that went down. */
    public void stop() {
        server.shutDown(true);
    }

    @Override
    public void close() {
        stop();
    }

    /** The self-signed certificate every directory of the JVM uses, made once (it takes a second or so). */
    private static final class Certificate {
        static final Path KEY_STORE;
        static final Path PEM;
        static final Path TRUST_STORE;

        static {
            try {
                Path directory = Files.createTempDirectory("lakegate-ldap-tls");
                directory.toFile().deleteOnExit();
                KEY_STORE = directory.resolve("server.p12");
                PEM = directory.resolve("server.pem");
                TRUST_STORE = directory.resolve("trust.p12");
                manageCertificates("generate-self-signed-certificate", "--keystore", KEY_STORE.toString(),
                        "--keystore-password", KEY_STORE_PASSWORD, "--keystore-type", "PKCS12", "--alias", "server",
                        "--subject-dn", "CN=127.0.0.1", "--subject-alternative-name-ip-address", "127.0.0.1",
                        "--days-valid", "3", "--validity-start-time", yesterday(), "--key-algorithm", "EC",
                        "--key-size-bits", "256", "--signature-algorithm", "SHA256withECDSA");
                manageCertificates("export-certificate", "--keystore", KEY_STORE.toString(), "--keystore-password",
                        KEY_STORE_PASSWORD, "--alias", "server", "--output-format", "PEM", "--output-file",
                        PEM.toString());
                writeTrustStore();
                for (Path file : new Path[] {KEY_STORE, PEM, TRUST_STORE}) {
                    file.toFile().deleteOnExit();
                }
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("Cannot make the test LDAP certificate", e);
            }
        }

        private Certificate() {}

        /** A start a day back, so that a clock a little behind the one that made it still trusts the certificate. */
        private static String yesterday() {
            return DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC)
                    .format(Instant.now().minus(Duration.ofDays(1)));
        }

        private static void manageCertificates(String... arguments) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            ResultCode result = ManageCertificates.main(InputStream.nullInputStream(), output, output, arguments);
            if (result != ResultCode.SUCCESS) {
                throw new IllegalStateException("manage-certificates " + arguments[0] + " failed: "
                        + output.toString(StandardCharsets.UTF_8));
            }
        }

        private static void writeTrustStore() throws IOException, GeneralSecurityException {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            try (InputStream pem = Files.newInputStream(PEM)) {
                store.setCertificateEntry("ldap", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            }
            try (OutputStream out = Files.newOutputStream(TRUST_STORE)) {
                store.store(out, TRUST_STORE_PASSWORD.toCharArray());
            }
        }
    }
}
