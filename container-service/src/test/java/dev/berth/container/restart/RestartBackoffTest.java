package dev.berth.container.restart;

import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RestartBackoffTest {

    private static final Duration SHORT = Duration.ofMillis(20);

    @Test
    void next_startsAt100msAndDoubles() {
        RestartBackoff backoff = new RestartBackoff();
        assertThat(backoff.next(SHORT)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.next(SHORT)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.next(SHORT)).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void next_isAtMostAMinute() {
        RestartBackoff backoff = new RestartBackoff();
        Duration last = Duration.ZERO;
        for (int i = 0; i < 20; i++) {
            last = backoff.next(SHORT);
        }
        assertThat(last).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void next_startsOverAfterARunOfTenSeconds() {
        RestartBackoff backoff = new RestartBackoff();
        backoff.next(SHORT);
        backoff.next(SHORT);
        assertThat(backoff.next(Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.next(Duration.ofSeconds(9))).isEqualTo(Duration.ofMillis(200));
    }
}
