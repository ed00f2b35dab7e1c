package dev.berth.gateway.stream;

import dev.berth.common.time.ProtoTimes;
import com.google.protobuf.Timestamp;
import dev.berth.gateway.api.DockerApiException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The `since` and `until` of GET /containers/{id}/logs: unix seconds with an optional fraction
 * (what the CLI sends), RFC 3339, or a Go duration before now ("10m"). "0" or empty: no bound.
 */
final class LogTimes {

    private static final Pattern UNIX = Pattern.compile("^-?[0-9]+(\\.[0-9]{1,9})?$");
    private static final Pattern GO_DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");

    private LogTimes() {
    }

    static Optional<Timestamp> parse(String name, String value, Instant now) {
        if (value == null || value.isEmpty() || value.equals("0")) {
            return Optional.empty();
        }
        if (UNIX.matcher(value).matches()) {
            BigDecimal seconds = new BigDecimal(value);
            long whole = seconds.longValue();
            int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
            return Optional.of(ProtoTimes.timestamp(Instant.ofEpochSecond(whole, nanos)));
        }
        try {
            return Optional.of(ProtoTimes.timestamp(OffsetDateTime.parse(value).toInstant()));
        } catch (DateTimeParseException ignored) {
            // not RFC 3339; maybe a duration
        }
        Optional<Duration> ago = goDuration(value);
        if (ago.isPresent()) {
            return Optional.of(ProtoTimes.timestamp(now.minus(ago.get())));
        }
        throw DockerApiException.badRequest("invalid value for \"" + name + "\": failed to parse value as time or duration: \""
                + value + "\"");
    }

    static Optional<Duration> goDuration(String value) {
        Matcher m = GO_DURATION.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            double amount = Double.parseDouble(m.group(1));
            long nanosPerUnit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total = total.plusNanos((long) (amount * nanosPerUnit));
            end = m.end();
        }
        return end == value.length() && end > 0 ? Optional.of(total) : Optional.empty();
    }
}
