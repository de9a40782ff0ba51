package io.lakegate.server.auth;

import java.util.Optional;
import java.util.Set;

/**
 * Checks a user name and password against one identity system (the users file, LDAP). Calls may block on the network
 * or on a deliberately slow hash: they run on worker threads, never on an event loop.
 */
public interface PasswordAuthenticator extends AutoCloseable {
    /**
     * The identity the credentials prove, or empty when they prove none: an unknown user and a wrong password are not
     * told apart, and neither the password nor why it failed is logged.
     *
     * @throws AuthenticationUnavailableException when the identity system cannot answer (down, timed out)
     */
    Optional<Identity> authenticate(String user, String password);

    /**
     * The groups of a user who did not log in here (one a service account acts for), as far as this system knows
     * them; none when it does not know the user.
     *
     * @throws AuthenticationUnavailableException when the identity system cannot answer
     */
    default Set<String> groupsOf(String user) {
        return Set.of();
    }

    @Override
    default void close() {}
}
