package dev.berth.gateway.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HumanSizeTest {

    @Test
    void of_usesDecimalUnitsAndFourSignificantDigits() {
        assertThat(HumanSize.of(0)).isEqualTo("0B");
        assertThat(HumanSize.of(999)).isEqualTo("999B");
        assertThat(HumanSize.of(1000)).isEqualTo("1kB");
        assertThat(HumanSize.of(123_456)).isEqualTo("123.5kB");
        assertThat(HumanSize.of(2_186_000)).isEqualTo("2.186MB");
        assertThat(HumanSize.of(92_000_000_000L)).isEqualTo("92GB");
    }
}
