package dev.berth.gateway.container;

import dev.berth.common.time.ProtoTimes;
import com.google.protobuf.Timestamp;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as Docker prints them: Go's RFC3339Nano, and go-units' human durations. */
public final class DockerTime {

    /** Go's zero time.Time, which Docker prints for "never". */
    public static final String ZERO = "0001-01-01T00:00:00Z";

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private DockerTime() {
    }

    /** RFC 3339 with the nanoseconds Go prints: trailing zeros dropped, none at all for whole seconds. */
    public static String rfc3339Nano(Instant instant) {
        StringBuilder out = new StringBuilder(SECONDS.format(instant));
        int nanos = instant.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
            out.append('.').append(fraction);
        }
        return out.append('Z').toString();
    }

    /** A proto timestamp as RFC3339Nano, or Docker's zero time when absent. */
    public static String rfc3339Nano(boolean present, Timestamp timestamp) {
        return present ? rfc3339Nano(ProtoTimes.instant(timestamp)) : ZERO;
    }

    /** go-units HumanDuration, as in "Up 5 seconds" and "Exited (0) 2 hours ago". */
    public static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 1) {
            return "Less than a second";
        } else if (seconds == 1) {
            return "1 second";
        } else if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = d.toMinutes();
        if (minutes == 1) {
            return "About a minute";
        } else if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = Math.round(d.toMillis() / 3_600_000.0);
        if (hours == 1) {
            return "About an hour";
        } else if (hours < 48) {
            return hours + " hours";
        } else if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        } else if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return d.toHours() / 24 / 365 + " years";
    }
}
