package dev.berth.container.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import com.google.protobuf.Timestamp;

/**
 * Time conversions. Stored times are truncated to microseconds, the precision both H2 and
 * PostgreSQL keep, so that a value compares equal before and after a round trip.
 */
public final class Times {

    private Times() {
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** Null for an unset (zero) timestamp. */
    public static OffsetDateTime fromProto(Timestamp ts) {
        if (ts == null || (ts.getSeconds() == 0 && ts.getNanos() == 0)) {
            return null;
        }
        return Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos()).atOffset(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MICROS);
    }

    public static OffsetDateTime fromProtoOrNow(Timestamp ts) {
        OffsetDateTime time = fromProto(ts);
        return time != null ? time : now();
    }

    public static Timestamp toProto(OffsetDateTime time) {
        Instant instant = time.toInstant();
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
