package io.lakegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * A session's first statement sends no USE to the cluster when the session is where the cluster's sessions start, and
 * still finds its names where the session is when it is elsewhere or its settings could move it. Iceberg's catalog
 * starts Spark sessions in its root namespace unless told otherwise; the engine's clusters are told to start them in
 * the default database.
 */
@ExtendWith(SharedEngine.class)
class SessionStartIT {
    private static final String NO_USE = "no USE";
    private static Engine engine;
    private final Logger sessionLog = (Logger) LoggerFactory.getLogger(Session.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Level level;

    @BeforeAll
    static void useSharedEngine(Engine shared) {
        engine = shared;
    }

    @BeforeEach
    void listen() {
        level = sessionLog.getLevel();
        sessionLog.setLevel(Level.DEBUG);
        log.start();
        sessionLog.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        sessionLog.detachAppender(log);
        sessionLog.setLevel(level);
    }

    @Test
    void aSessionInTheDefaultDatabaseNeedsNoUse() {
        try (Session session = engine.openSession(SessionSpec.forUser("alice"))) {
            assertThat(namespace(session)).containsExactly(engine.catalog().name(), "default");
            assertThat(skippedUse(session)).isTrue();
        }
    }

    @Test
    void aSessionElsewhereStillStartsThere() {
        try (Session admin = engine.openSession(SessionSpec.forUser("admin"))) {
            Results.drain(admin.execute("CREATE NAMESPACE IF NOT EXISTS session_start_elsewhere"));
        }
        try (Session session = engine.openSession(SessionSpec.forUser("alice")
                .withDatabase("session_start_elsewhere"))) {
            assertThat(namespace(session)).containsExactly(engine.catalog().name(), "session_start_elsewhere");
            assertThat(skippedUse(session)).isFalse();
        }
    }

    @Test
    void settingsThatCouldMoveWhereASessionStartsKeepTheUse() {
        try (Session session = engine.openSession(SessionSpec.forUser("alice")
                .withConf("spark.sql.defaultCatalog", "spark_catalog"))) {
            assertThat(namespace(session)).containsExactly(engine.catalog().name(), "default");
            assertThat(skippedUse(session)).isFalse();
        }
    }

    private boolean skippedUse(Session session) {
        return log.list.stream().anyMatch(event -> event.getFormattedMessage().contains(session.id())
                && event.getFormattedMessage().endsWith(NO_USE));
    }

    private static List<String> namespace(Session session) {
        try (StatementResult result = session.execute("SELECT current_catalog(), current_database()")) {
            assertThat(result.hasNext()).isTrue();
            ColumnBatch batch = result.next();
            return List.of(String.valueOf(batch.column(0).getObject(0)),
                    String.valueOf(batch.column(1).getObject(0)));
        }
    }
}
