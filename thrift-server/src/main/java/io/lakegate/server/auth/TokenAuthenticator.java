package io.lakegate.server.auth;

import java.util.Optional;

/** Checks a bearer token (a JWT) sent over HTTP. Calls may block (fetching keys): they run on worker threads. */
public interface TokenAuthenticator extends AutoCloseable {
    /**
     * The identity the token proves, or empty when it proves none (bad signature, expired, wrong issuer or audience,
     * malformed); why is logged at debug level, without the token.
     *
     * @throws AuthenticationUnavailableException when the keys to check it against cannot be fetched
     */
    Optional<Identity> authenticate(String token);

    @Override
    default void close() {}
}
