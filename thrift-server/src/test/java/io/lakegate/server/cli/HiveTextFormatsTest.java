package io.lakegate.server.cli;

import static io.lakegate.server.cli.CatalogListings.namePattern;
import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(namePattern("ord%").test("ORDERS")).isTrue();
        assertThat(namePattern("o_ders").test("orders")).isTrue();
        assertThat(namePattern("o\\_ders").test("orders")).isFalse();
        assertThat(namePattern("o\\_ders").test("o_ders")).isTrue();
        assertThat(namePattern("a.b").test("axb")).as("a dot is no wildcard").isFalse();
        assertThat(namePattern("*").test("anything")).isTrue();
        assertThat(namePattern(null).test("anything")).isTrue();
        assertThat(namePattern("").test("anything")).isTrue();
    }
}
