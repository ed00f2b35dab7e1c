package dev.berth.container.restart;

import dev.berth.container.store.StopIntent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class StopIntentsTest {

    @ParameterizedTest
    @CsvSource({
            "'',      '',        STOPPED",
            "KILL,    SIGTERM,   STOPPED",
            "9,       SIGTERM,   STOPPED",
            "HUP,     '',        STOPPED",
            "SIGTERM, TERM,      STOPPED",
            "15,      SIGTERM,   STOPPED",
            "HUP,     SIGTERM,   MANUAL",
            "sigusr1, SIGUSR2,   MANUAL",
    })
    void ofKill_readsTheSignalAsDockerDoes(String signal, String stopSignal, StopIntent expected) {
        assertThat(StopIntents.ofKill(signal, stopSignal)).isEqualTo(expected);
    }
}
