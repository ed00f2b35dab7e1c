package dev.berth.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Timestamp;

class ProtoTimesTest {

    @Test
    void timestamp_roundTrip_keepsNanoseconds() {
        Instant instant = Instant.parse("2026-12-02T04:07:28.123456789Z");

        assertThat(ProtoTimes.instant(ProtoTimes.timestamp(instant))).isEqualTo(instant);
    }

    @Test
    void instantIfSet_defaultInstance_isEmpty() {
        assertThat(ProtoTimes.instantIfSet(Timestamp.getDefaultInstance())).isEmpty();
        assertThat(ProtoTimes.utcIfSet(Timestamp.newBuilder().setNanos(1).build())).isPresent();
    }
}
