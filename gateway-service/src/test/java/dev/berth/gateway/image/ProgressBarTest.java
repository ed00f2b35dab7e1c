package dev.berth.gateway.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void of_partway_fillsHalfPercentsAndShowsBothSizes() {
        assertThat(ProgressBar.of(300_000, 1_000_000))
                .isEqualTo("[" + "=".repeat(15) + ">" + " ".repeat(35) + "]    300kB/1MB");
    }

    @Test
    void of_nothingKnown_isEmpty() {
        assertThat(ProgressBar.of(0, 0)).isEmpty();
    }

    @Test
    void of_noTotal_isTheCountAlone() {
        assertThat(ProgressBar.of(1500, 0)).isEqualTo("   1.5kB");
    }

    @Test
    void of_pastTheTotal_dropsTheTotal() {
        assertThat(ProgressBar.of(2000, 1000)).isEqualTo("[==================================================>]      2kB");
    }
}
