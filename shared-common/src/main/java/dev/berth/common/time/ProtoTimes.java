package dev.berth.common.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import com.google.protobuf.Timestamp;

/**
 * protobuf {@link Timestamp}s and Java times. The default instance (0 s, 0 ns) is how proto3
 * says "not set": it reads as empty, never as 1970.
 */
public final class ProtoTimes {

    private ProtoTimes() {
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public static Timestamp timestamp(OffsetDateTime time) {
        return timestamp(time.toInstant());
    }

    public static boolean isSet(Timestamp timestamp) {
        return timestamp != null && (timestamp.getSeconds() != 0 || timestamp.getNanos() != 0);
    }

    /** The instant, the unset timestamp included (as the epoch). */
    public static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    public static Optional<Instant> instantIfSet(Timestamp timestamp) {
        return isSet(timestamp) ? Optional.of(instant(timestamp)) : Optional.empty();
    }

    public static Optional<OffsetDateTime> utcIfSet(Timestamp timestamp) {
        return instantIfSet(timestamp).map(instant -> instant.atOffset(ZoneOffset.UTC));
    }
}
