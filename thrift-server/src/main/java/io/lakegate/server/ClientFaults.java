package io.lakegate.server;

import org.slf4j.Logger;

/**
 * The log of what clients do wrong: malformed messages, stalled requests, refused connections. A hostile or broken
 * client can send such faults as fast as the network carries them, so the whole server logs at most a few lines a
 * second of them, never a stack trace, and says how many it left out.
 */
public final class ClientFaults {
    private static final int LINES_PER_WINDOW = 20;
    private static final long WINDOW_NANOS = 10_000_000_000L;
    /** Client text in a log line is cut short and stripped of control characters, so it cannot forge lines. */
    private static final int MAX_QUOTED_CHARS = 80;

    private static long windowStart = System.nanoTime();
    private static int lines;
    private static long suppressed;

    private ClientFaults() {}

    /** Logs at INFO unless the server has logged its share of client faults lately. */
    public static void log(Logger logger, String format, Object... arguments) {
        long left;
        synchronized (ClientFaults.class) {
            long now = System.nanoTime();
            if (now - windowStart < WINDOW_NANOS && lines >= LINES_PER_WINDOW) {
                suppressed++;
                return;
            }
            left = 0;
            if (now - windowStart >= WINDOW_NANOS) {
                left = suppressed;
                windowStart = now;
                lines = 0;
                suppressed = 0;
            }
            lines++;
        }
        if (left > 0) {
            logger.info("{} more client faults were not logged in the last {} s", left, WINDOW_NANOS / 1_000_000_000L);
        }
        logger.info(format, arguments);
    }

    /** Text a client chose, fit for a log line. */
    public static String quote(String text) {
        StringBuilder quoted = new StringBuilder(Math.min(text.length(), MAX_QUOTED_CHARS) + 3);
        for (int i = 0; i < text.length() && quoted.length() < MAX_QUOTED_CHARS; i++) {
            char c = text.charAt(i);
            quoted.append(Character.isISOControl(c) ? '?' : c);
        }
        return text.length() > MAX_QUOTED_CHARS ? quoted.append("...").toString() : quoted.toString();
    }
}
