package io.lakegate.server.auth;

import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.EnumSet;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the connection pool to the LDAP servers: failover between the URLs, TLS, timeouts. */
final class LdapConnections {
    private static final Logger LOG = LoggerFactory.getLogger(LdapConnections.class);

    private LdapConnections() {}

    /**
     * A pool whose connections are bound as the service account, or anonymous without one. It is created even when
     * no server answers yet, so that the gateway starts and logins wait for the directory rather than the reverse.
     */
    static LDAPConnectionPool open(LdapSettings settings) {
        Optional<SSLUtil> tls = settings.startTls() || settings.urls().stream().anyMatch(LdapSettings::isLdaps)
                ? Optional.of(tls(settings))
                : Optional.empty();
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) settings.connectTimeout().toMillis());
        options.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
        options.setAbandonOnTimeout(true);
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        try {
            ServerSet[] servers = new ServerSet[settings.urls().size()];
            for (int i = 0; i < servers.length; i++) {
                servers[i] = server(settings.urls().get(i), settings.startTls(), tls, options);
            }
            ServerSet serverSet = servers.length == 1 ? servers[0] : new FailoverServerSet(servers);
            SimpleBindRequest bind = settings.serviceAccount()
                    .map(account -> new SimpleBindRequest(account.dn(), account.password()))
                    .orElse(null);
            LDAPConnectionPool pool = new LDAPConnectionPool(serverSet, bind, 0, settings.poolSize(), null, false);
            pool.setConnectionPoolName("lakegate-ldap");
            pool.setMaxWaitTimeMillis(settings.connectTimeout().toMillis());
            pool.setRetryFailedOperationsDueToInvalidConnections(EnumSet.of(OperationType.SEARCH));
            return pool;
        } catch (LDAPException | GeneralSecurityException e) {
            throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE,
                    "Cannot set up the connections to " + settings.describeUrls() + ": " + e.getMessage(), e);
        }
    }

    private static ServerSet server(LDAPURL url, boolean startTls, Optional<SSLUtil> tls,
            LDAPConnectionOptions options) throws GeneralSecurityException {
        if (!LdapSettings.isLdaps(url) && !startTls && !isLoopback(url.getHost())) {
            LOG.warn("LDAP passwords go to {} in clear text: use ldaps:// or set {}", url,
                    LdapConfigKeys.START_TLS.name());
        }
        if (LdapSettings.isLdaps(url)) {
            return new SingleServerSet(url.getHost(), url.getPort(), tls.orElseThrow().createSSLSocketFactory(),
                    options);
        }
        PostConnectProcessor upgrade = startTls
                ? new StartTLSPostConnectProcessor(tls.orElseThrow().createSSLSocketFactory())
                : null;
        return new SingleServerSet(url.getHost(), url.getPort(), null, options, null, upgrade);
    }

    private static SSLUtil tls(LdapSettings settings) {
        Path file = settings.trustFile().orElse(null);
        if (file == null) {
            return new SSLUtil(JVMDefaultTrustManager.getInstance());
        }
        String key = LdapConfigKeys.TRUST_FILE.name();
        try {
            return new SSLUtil(isPem(file) ? new PEMFileTrustManager(file.toFile())
                    : trustStore(file, settings.trustPassword()));
        } catch (IOException | GeneralSecurityException e) {
            throw new LakegateException(SqlStates.INVALID_PARAMETER_VALUE,
                    "Cannot read the certificates of " + key + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean isPem(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(4096), StandardCharsets.US_ASCII).contains("-----BEGIN");
        }
    }

    private static TrustManager trustStore(Path file, Optional<String> password)
            throws IOException, GeneralSecurityException {
        // KeyStore.getInstance(File, ...) recognises JKS and PKCS12 by their content.
        KeyStore store = KeyStore.getInstance(file.toFile(), password.map(String::toCharArray).orElse(null));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers()[0];
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
