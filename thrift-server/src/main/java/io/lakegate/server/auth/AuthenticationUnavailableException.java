package io.lakegate.server.auth;

/**
 * An identity system could not answer (unreachable, timed out, misconfigured), so a login could be neither accepted
 * nor refused. The client is told to try again later; the server log has the cause.
 */
public final class AuthenticationUnavailableException extends RuntimeException {
    public AuthenticationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
