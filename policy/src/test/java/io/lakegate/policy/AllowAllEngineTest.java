package io.lakegate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lakegate.common.Settings;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AllowAllEngineTest {

    @Test
    void withoutASourceEverythingIsAllowedAndSaidOnce() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(PolicyEngines.class);
        logger.addAppender(log);
        try (PolicyEngine engine = PolicyEngine.open(Settings.empty())) {
            Principal anyone = engine.principal("anyone", Set.of(), Optional.empty());
            assertThat(engine.enforcing()).isFalse();
            assertThat(engine.isAdmin(anyone)).isTrue();
            assertThat(anyone.groups()).containsExactly("public");
            assertThat(engine.check(anyone, HiveResource.table("hr", "salaries"), AccessType.DROP).allowed()).isTrue();
            assertThat(engine.check(anyone, HiveResource.url("file:///etc"), AccessType.WRITE).allowed()).isTrue();
            assertThat(engine.checkTable(anyone, "hr", "salaries", AccessType.SELECT).allowed()).isTrue();
            assertThat(engine.hasAnyAccess(anyone, HiveResource.database("hr"))).isTrue();
            assertThat(engine.rowFilter(anyone, "hr", "salaries")).isEmpty();
            assertThat(engine.masks(anyone, "hr", "salaries", List.of("salary"))).isEmpty();
        } finally {
            logger.detachAppender(log);
        }
        assertThat(log.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getFormattedMessage()).contains("No policies are enforced");
        });
    }
}
