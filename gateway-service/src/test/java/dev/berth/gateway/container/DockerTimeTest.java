package dev.berth.gateway.container;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DockerTimeTest {

    @ParameterizedTest
    @CsvSource({
            "0, Less than a second",
            "999, Less than a second",
            "1000, 1 second",
            "5500, 5 seconds",
            "59999, 59 seconds",
            "60000, About a minute",
            "119999, About a minute",
            "120000, 2 minutes",
            "3599000, 59 minutes",
            "3600000, About an hour",
            "5399000, About an hour",
            "5400000, 2 hours",
            "169200000, 47 hours",
            "172800000, 2 days",
            "1209600000, 2 weeks",
            "5184000000, 2 months",
            "63072000000, 2 years"})
    void humanDuration_matchesGoUnits(long millis, String expected) {
        assertThat(DockerTime.humanDuration(Duration.ofMillis(millis))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "1700000000, 0, 2023-11-14T22:13:20Z",
            "1700000000, 120000000, 2023-11-14T22:13:20.12Z",
            "1700000000, 5000, 2023-11-14T22:13:20.000005Z",
            "1700000000, 123456789, 2023-11-14T22:13:20.123456789Z"})
    void rfc3339Nano_dropsTrailingZerosLikeGo(long seconds, int nanos, String expected) {
        assertThat(DockerTime.rfc3339Nano(Instant.ofEpochSecond(seconds, nanos))).isEqualTo(expected);
    }
}
