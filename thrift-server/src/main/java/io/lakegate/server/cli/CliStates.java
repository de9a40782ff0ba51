package io.lakegate.server.cli;

/** SQLSTATEs of protocol-level mistakes, which the engine never raises. */
final class CliStates {
    /** A session or operation handle that the server does not know, or that was closed. */
    static final String INVALID_HANDLE = "HY000";
    /** A call that needs a finished operation came before it finished (ODBC's function sequence error). */
    static final String SEQUENCE_ERROR = "HY010";
    /** The server holds as many sessions as it allows. */
    static final String TOO_MANY_SESSIONS = "53300";

    private CliStates() {}
}
