package dev.berth.container.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignalNumbersTest {

    @Test
    void of_namesWithOrWithoutSig_becomeLinuxNumbers() {
        assertThat(SignalNumbers.of("SIGTERM")).isEqualTo("15");
        assertThat(SignalNumbers.of("kill")).isEqualTo("9");
        assertThat(SignalNumbers.of("USR1")).isEqualTo("10");
    }

    @Test
    void of_aNumber_staysAsGiven() {
        assertThat(SignalNumbers.of("3")).isEqualTo("3");
    }
}
