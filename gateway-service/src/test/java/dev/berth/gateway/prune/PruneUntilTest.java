package dev.berth.gateway.prune;

import dev.berth.gateway.api.DockerApiException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PruneUntilTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final ZoneId UTC = ZoneOffset.UTC;

    private static Optional<Instant> until(String... values) {
        return PruneUntil.parse(List.of(values), NOW, UTC);
    }

    @Test
    void parse_noValueIsNoBound() {
        assertThat(until()).isEmpty();
    }

    @Test
    void parse_goDurationsCountBackFromNow() {
        assertThat(until("10m")).contains(Instant.parse("2026-03-01T11:50:00Z"));
        assertThat(until("1h30m")).contains(Instant.parse("2026-03-01T10:30:00Z"));
        assertThat(until("1.5s")).contains(Instant.parse("2026-03-01T11:59:58.500Z"));
    }

    @Test
    void parse_timestampsUnixRfc3339AndZoneless() {
        assertThat(until("1700000000.5")).contains(Instant.ofEpochSecond(1_700_000_000L, 500_000_000));
        assertThat(until("0")).contains(Instant.EPOCH);
        assertThat(until("2026-02-01T10:00:00+01:00")).contains(Instant.parse("2026-02-01T09:00:00Z"));
        assertThat(until("2026-02-01T10:00:00")).contains(Instant.parse("2026-02-01T10:00:00Z"));
        assertThat(until("2026-02-01")).contains(Instant.parse("2026-02-01T00:00:00Z"));
    }

    @Test
    void parse_badValueAndSeveralValuesAreDockersErrors() {
        assertThatThrownBy(() -> until("xyz")).isInstanceOf(DockerApiException.class)
                .hasMessage("failed to parse value as time or duration: \"xyz\"");
        assertThatThrownBy(() -> until("1h", "2h")).isInstanceOf(DockerApiException.class)
                .hasMessage("more than one until filter specified");
    }
}
