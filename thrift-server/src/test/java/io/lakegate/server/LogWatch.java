package io.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.LoggerFactory;

/** Keeps what the server and the engine log while a test runs, so that the test can wait for a line. */
final class LogWatch extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<String> lines = new CopyOnWriteArrayList<>();

    LogWatch() {
        setContext(root.getLoggerContext());
        start();
        root.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLoggerName().startsWith("io.lakegate.")) {
            lines.add(event.getFormattedMessage());
        }
    }

    /** Every line logged so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits until a line holding every one of the parts has been logged. */
    String await(Duration limit, String... parts) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            for (String line : lines) {
                if (List.of(parts).stream().allMatch(line::contains)) {
                    return line;
                }
            }
            assertThat(System.nanoTime()).as("a log line with %s within %s", List.of(parts), limit)
                    .isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    /** How many lines so far hold every one of the parts. */
    long count(String... parts) {
        return lines.stream().filter(line -> List.of(parts).stream().allMatch(line::contains)).count();
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
