package dev.berth.gateway.prune;

import dev.berth.gateway.api.DockerApiException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code until} prune filter, read as Docker reads it: a Go duration before now ("10m",
 * "1h30m"), unix seconds with an optional fraction, RFC 3339, or a date and time without a zone
 * (the daemon's local time). Only what was created before it is pruned.
 */
final class PruneUntil {

    private static final Pattern UNIX = Pattern.compile("-?[0-9]+(\\.[0-9]{1,9})?");
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]+(?:\\.[0-9]*)?)(ns|us|µs|ms|s|m|h)");

    private PruneUntil() {
    }

    /** Empty without an until filter; 400 with Docker's messages for more than one or a bad one. */
    static Optional<Instant> parse(List<String> values, Instant now, ZoneId zone) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw DockerApiException.badRequest("more than one until filter specified");
        }
        String value = values.get(0);
        Optional<Duration> ago = goDuration(value);
        if (ago.isPresent()) {
            return Optional.of(now.minus(ago.get()));
        }
        if (UNIX.matcher(value).matches()) {
            BigDecimal seconds = new BigDecimal(value);
            long whole = seconds.longValue();
            return Optional.of(Instant.ofEpochSecond(whole,
                    seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue()));
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notWithZone) {
            try {
                return Optional.of(LocalDateTime.parse(value).atZone(zone).toInstant());
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(LocalDate.parse(value).atStartOfDay(zone).toInstant());
                } catch (DateTimeParseException notADate) {
                    throw DockerApiException.badRequest(
                            "failed to parse value as time or duration: \"" + value + "\"");
                }
            }
        }
    }

    /** Go's time.ParseDuration for non-negative values; "0" is a timestamp, not a duration. */
    private static Optional<Duration> goDuration(String value) {
        Matcher part = DURATION_PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            long nanosPerUnit = switch (part.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            total = total.plusNanos(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit))
                    .longValue());
            end = part.end();
        }
        return end > 0 && end == value.length() ? Optional.of(total) : Optional.empty();
    }
}
