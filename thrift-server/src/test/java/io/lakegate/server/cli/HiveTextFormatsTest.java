package io.lakegate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakegate.server.cli.CatalogListings.NamePattern;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The text forms values take on the wire, and the name patterns of metadata calls. */
class HiveTextFormatsTest {
    @Test
    void timestampsShowTheFractionWithoutTrailingZerosInTheSessionZone() {
        assertThat(ArrowValues.timestamp(1_709_212_455_123_456L, ZoneOffset.UTC))
                .isEqualTo("2024-02-29 13:14:15.123456");
        assertThat(ArrowValues.timestamp(1_709_212_455_500_000L, ZoneOffset.UTC)).isEqualTo("2024-02-29 13:14:15.5");
        assertThat(ArrowValues.timestamp(1_709_212_455_000_000L, ZoneId.of("America/New_York")))
                .isEqualTo("2024-02-29 08:14:15");
        assertThat(ArrowValues.timestamp(-1L, ZoneOffset.UTC)).isEqualTo("1969-12-31 23:59:59.999999");
    }

    @Test
    void intervalsLookLikeHives() {
        assertThat(ArrowValues.yearMonth(14)).isEqualTo("1-2");
        assertThat(ArrowValues.yearMonth(-14)).isEqualTo("-1-2");
        assertThat(ArrowValues.dayTime(93_784_500_000L)).isEqualTo("1 02:03:04.500000000");
        assertThat(ArrowValues.dayTime(-1_000_000L)).isEqualTo("-0 00:00:01.000000000");
    }

    @Test
    void namePatternsFollowJdbcAndIgnoreCase() {
        assertThat(NamePattern.of("ord%").matches("ORDERS")).isTrue();
        assertThat(NamePattern.of("o_ders").matches("orders")).isTrue();
        assertThat(NamePattern.of("o\\_ders").matches("orders")).isFalse();
        assertThat(NamePattern.of("o\\_ders").matches("o_ders")).isTrue();
        assertThat(NamePattern.of("a.b").matches("axb")).as("a dot is no wildcard").isFalse();
        assertThat(NamePattern.of("*").matches("anything")).isTrue();
        assertThat(NamePattern.of(null).matches("anything")).isTrue();
        assertThat(NamePattern.of("").matches("anything")).isTrue();
    }
}
