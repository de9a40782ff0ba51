package io.lakegate.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/** Counts what the server logs while a test runs: lines, bytes and stack traces. */
final class LogCounter extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private static final String EDGE = "io.lakegate.server.";
    private static final String CLI = "io.lakegate.server.cli.";

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final AtomicLong edgeLines = new AtomicLong();
    private final AtomicLong edgeBytes = new AtomicLong();
    private final List<String> stackTraces = new ArrayList<>();

    LogCounter() {
        setContext(root.getLoggerContext());
        start();
        root.addAppender(this);
    }

    /** Quietens a logger below WARN for the test, where each of many calls would log a line. */
    static void quieten(String logger) {
        ((Logger) LoggerFactory.getLogger(logger)).setLevel(Level.WARN);
    }

    static void restore(String logger) {
        ((Logger) LoggerFactory.getLogger(logger)).setLevel(null);
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        String logger = event.getLoggerName();
        if (logger.startsWith(EDGE) && !logger.startsWith(CLI)) {
            edgeLines.incrementAndGet();
            edgeBytes.addAndGet(event.getFormattedMessage().length());
        }
        if (event.getThrowableProxy() != null && stackTraces.size() < 20) {
            stackTraces.add(logger + ": " + event.getFormattedMessage() + ": "
                    + event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage());
        }
    }

    long edgeLines() {
        return edgeLines.get();
    }

    long edgeBytes() {
        return edgeBytes.get();
    }

    synchronized List<String> stackTraces() {
        return List.copyOf(stackTraces);
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
