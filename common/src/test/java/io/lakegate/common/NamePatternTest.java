package io.lakegate.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class NamePatternTest {
    @Test
    void jdbcWildcardsAndTheEscape() {
        assertThat(NamePattern.jdbc("ord%").matches("ORDERS")).isTrue();
        assertThat(NamePattern.jdbc("%ers").matches("orders")).isTrue();
        assertThat(NamePattern.jdbc("%rd%").matches("orders")).isTrue();
        assertThat(NamePattern.jdbc("o_ders").matches("orders")).isTrue();
        assertThat(NamePattern.jdbc("o_ders").matches("oders")).isFalse();
        assertThat(NamePattern.jdbc("o\\_ders").matches("orders")).isFalse();
        assertThat(NamePattern.jdbc("o\\_ders").matches("o_ders")).isTrue();
        assertThat(NamePattern.jdbc("100\\%").matches("100%")).isTrue();
        assertThat(NamePattern.jdbc("100\\%").matches("1000")).isFalse();
        assertThat(NamePattern.jdbc("a\\").matches("a\\")).as("a trailing backslash is itself").isTrue();
        assertThat(NamePattern.jdbc("a.b").matches("axb")).as("a dot is no wildcard").isFalse();
        assertThat(NamePattern.jdbc("a.b").matches("a.b")).isTrue();
        assertThat(NamePattern.jdbc("*").matches("anything")).as("Hive's star").isTrue();
        assertThat(NamePattern.jdbc("%").matches("")).isTrue();
        assertThat(NamePattern.jdbc("_").matches("")).isFalse();
        assertThat(NamePattern.jdbc("").matches("")).isTrue();
        assertThat(NamePattern.jdbc("").matches("a")).isFalse();
        assertThat(NamePattern.jdbc("orders").matches("orders_2")).as("the whole name matches").isFalse();
    }

    @Test
    void aRunWildcardRetriesAfterAFalseStart() {
        assertThat(NamePattern.jdbc("%ab").matches("aaab")).isTrue();
        assertThat(NamePattern.jdbc("%a_c").matches("abcabxc")).isFalse();
        assertThat(NamePattern.jdbc("%a_c").matches("abxaxc")).isTrue();
        assertThat(NamePattern.jdbc("a%b%c").matches("a_c_b_c")).isTrue();
        assertThat(NamePattern.jdbc("a%b%c").matches("acb")).isFalse();
        assertThat(NamePattern.jdbc("%%x").matches("yyx")).isTrue();
    }

    @Test
    void caseAndCharactersBeyondTheBasicPlane() {
        assertThat(NamePattern.jdbc("STRASSE").matches("strasse")).isTrue();
        assertThat(NamePattern.jdbc("ÉTÉ").matches("été")).isTrue();
        assertThat(NamePattern.jdbc("a_b").matches("a\uD83D\uDE00b")).as("one character, two chars").isTrue();
        assertThat(NamePattern.star("\uD83D\uDE00*").matches("\uD83D\uDE00x")).isTrue();
    }

    @Test
    void sparkStarPatternsTakeEverythingElseLiterally() {
        assertThat(NamePattern.star("sales_*").matches("SALES_2024")).isTrue();
        assertThat(NamePattern.star("sales_*").matches("salesx2024")).as("an underscore is itself").isFalse();
        assertThat(NamePattern.star("a%").matches("abc")).as("a percent sign is itself").isFalse();
        assertThat(NamePattern.star("*").matches("")).isTrue();
    }

    /** A regex of these wildcards would backtrack exponentially on this name; the match must be correct and quick. */
    @Test
    @Timeout(5)
    void aPathologicalPatternAgainstALongName() {
        String name = "a".repeat(10_000);
        assertThat(NamePattern.jdbc("%a%a%a%a%a%a%a%a%a%a%b").matches(name)).isFalse();
        assertThat(NamePattern.jdbc("%a%a%a%a%a%a%a%a%a%a%b").matches(name + "b")).isTrue();
        assertThat(NamePattern.jdbc("%_%_%_%_%_%_%_%_%_%_%b").matches(name)).isFalse();
        assertThat(NamePattern.star("*a*a*a*a*a*a*a*a*a*a*b").matches(name)).isFalse();
        assertThat(NamePattern.star("*a*a*a*a*a*a*a*a*a*a*b").matches(name + "b")).isTrue();
    }
}
