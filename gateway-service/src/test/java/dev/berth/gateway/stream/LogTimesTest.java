package dev.berth.gateway.stream;

import com.google.protobuf.Timestamp;
import dev.berth.gateway.api.DockerApiException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogTimesTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);

    @Test
    void parse_unixSecondsWithFraction() {
        assertThat(LogTimes.parse("since", "1700000000.123456789", NOW))
                .contains(Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(123_456_789).build());
        assertThat(LogTimes.parse("since", "1700000000", NOW))
                .contains(Timestamp.newBuilder().setSeconds(1_700_000_000).build());
    }

    @Test
    void parse_rfc3339() {
        assertThat(LogTimes.parse("until", "2023-11-14T22:13:20.5Z", NOW))
                .contains(Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(500_000_000).build());
        assertThat(LogTimes.parse("until", "2023-11-15T00:13:20+02:00", NOW))
                .contains(Timestamp.newBuilder().setSeconds(1_700_000_000).build());
    }

    @Test
    void parse_goDurationIsBeforeNow() {
        assertThat(LogTimes.parse("since", "1h30m", NOW))
                .contains(Timestamp.newBuilder().setSeconds(1_700_000_000 - 5400).build());
        assertThat(LogTimes.goDuration("10s")).contains(Duration.ofSeconds(10));
        assertThat(LogTimes.goDuration("10x")).isEmpty();
    }

    @Test
    void parse_zeroOrEmpty_isUnbounded() {
        assertThat(LogTimes.parse("since", "", NOW)).isEqualTo(Optional.empty());
        assertThat(LogTimes.parse("since", "0", NOW)).isEqualTo(Optional.empty());
    }

    @Test
    void parse_garbage_isBadRequest() {
        assertThatThrownBy(() -> LogTimes.parse("since", "yesterday", NOW))
                .isInstanceOf(DockerApiException.class).hasMessageContaining("\"yesterday\"");
    }

    @Test
    void tailLines_allOrNumber() {
        assertThat(LogsController.tailLines("all")).isEqualTo(-1);
        assertThat(LogsController.tailLines("5")).isEqualTo(5);
        assertThat(LogsController.tailLines("x")).isEqualTo(-1);
    }
}
