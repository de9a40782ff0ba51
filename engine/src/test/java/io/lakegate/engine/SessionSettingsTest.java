package io.lakegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionSettingsTest {
    @Test
    void setAssignsKeyAndValueAsWritten() {
        assertThat(SessionSettings.assignment("SET spark.sql.shuffle.partitions = 8"))
                .contains(Map.entry("spark.sql.shuffle.partitions", "8"));
        assertThat(SessionSettings.assignment("set spark.sql.session.timeZone=Asia/Tokyo;"))
                .contains(Map.entry("spark.sql.session.timeZone", "Asia/Tokyo"));
    }

    @Test
    void setThatOnlyShowsAssignsNothing() {
        assertThat(SessionSettings.assignment("SET")).isEmpty();
        assertThat(SessionSettings.assignment("SET -v")).isEmpty();
        assertThat(SessionSettings.assignment("SET spark.sql.ansi.enabled")).isEmpty();
        assertThat(SessionSettings.assignment("SET VAR x = 1")).isEmpty();
    }

    @Test
    void resetNamesOneKeyOrAll() {
        assertThat(SessionSettings.resetKey("RESET spark.sql.ansi.enabled")).contains("spark.sql.ansi.enabled");
        assertThat(SessionSettings.resetKey("RESET")).isEmpty();
    }
}
