package io.lakegate.server.cli;

import io.lakegate.common.LakegateException;
import io.lakegate.common.SqlStates;
import io.lakegate.engine.SessionSpec;
import io.lakegate.server.auth.Authentication;
import io.lakegate.server.auth.Identity;
import java.util.Map;
import java.util.Optional;
import org.apache.hive.service.rpc.thrift.TOpenSessionReq;

/**
 * What an OpenSession asks for, checked against who the transport proved the client to be: the user the session acts
 * for (the account itself, or one it may act for), their groups, and the session's settings.
 */
final class SessionRequest {
    private static final String ANONYMOUS = "anonymous";

    private SessionRequest() {}

    /**
     * The session to open; may ask an identity service for the groups of a user acted for.
     *
     * @throws LakegateException (28000) when the client proved nobody on a server that needs it, or may not act for
     *     the user it names
     */
    static SessionSpec spec(TOpenSessionReq request, ClientConnection connection, Authentication authentication) {
        Map<String, String> configuration = request.getConfiguration() == null ? Map.of()
                : request.getConfiguration();
        Identity account = account(request, connection, authentication);
        Identity identity = ClientSettings.proxyUser(configuration)
                .map(user -> authentication.actFor(account, user))
                .orElse(account);
        SessionSpec spec = SessionSpec.forUser(identity.user()).withGroups(identity.groups())
                .withClientAddress(connection.host());
        if (!identity.equals(account)) {
            spec = spec.actedForBy(account.user());
        }
        for (Map.Entry<String, String> entry : configuration.entrySet()) {
            spec = ClientSettings.configure(spec, entry.getKey(), entry.getValue());
        }
        return spec;
    }

    /**
     * Whom the transport authenticated; for a NOSASL client, which proves nothing, the user name it gives, as long as
     * the server trusts given names (authentication NONE).
     */
    private static Identity account(TOpenSessionReq request, ClientConnection connection,
            Authentication authentication) {
        return connection.identity().orElseGet(() -> {
            if (authentication.required()) {
                throw new LakegateException(SqlStates.INVALID_AUTHORIZATION, "This server requires authentication, "
                        + "which a NOSASL connection cannot carry: connect with SASL (without auth=noSasl) and log in");
            }
            return Identity.of(Optional.ofNullable(request.getUsername()).filter(name -> !name.isBlank())
                    .orElse(ANONYMOUS));
        });
    }
}
