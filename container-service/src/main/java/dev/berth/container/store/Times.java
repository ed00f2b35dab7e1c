package dev.berth.container.store;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import com.google.protobuf.Timestamp;

import dev.berth.common.time.ProtoTimes;

/**
 * Times as stored. Stored times are truncated to microseconds, the precision both H2 and
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
        return ProtoTimes.utcIfSet(ts).map(time -> time.truncatedTo(ChronoUnit.MICROS)).orElse(null);
    }

    public static OffsetDateTime fromProtoOrNow(Timestamp ts) {
        OffsetDateTime time = fromProto(ts);
        return time != null ? time : now();
    }

    public static Timestamp toProto(OffsetDateTime time) {
        return ProtoTimes.timestamp(time);
    }
}
