package io.lakegate.engine.frontend;

/**
 * The front end cannot read a statement; the message says why, for the log. Thrown by each step of a statement's
 * analysis and turned into the failure of its {@link Analysis} by {@link FrontEnd}, never seen outside the package.
 */
final class Unreadable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unreadable(String reason) {
        super(reason, null, false, false);
    }
}
