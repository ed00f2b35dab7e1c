package dev.berth.node.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.proto.v1.HealthLog;
import org.junit.jupiter.api.Test;

class HealthRecordTest {

    private static HealthLog probe(int exitCode) {
        return HealthLog.newBuilder().setExitCode(exitCode).setOutput("out " + exitCode).build();
    }

    @Test
    void new_isStarting() {
        assertThat(new HealthRecord(3).toProto().getStatus()).isEqualTo("starting");
    }

    @Test
    void success_isHealthy_andResetsTheStreak() {
        HealthRecord record = new HealthRecord(3);
        record.record(probe(1), false);
        record.record(probe(0), false);
        assertThat(record.toProto().getStatus()).isEqualTo("healthy");
        assertThat(record.toProto().getFailingStreak()).isZero();
    }

    @Test
    void failures_becomeUnhealthyAtTheRetries() {
        HealthRecord record = new HealthRecord(2);
        record.record(probe(0), false);
        record.record(probe(1), false);
        assertThat(record.toProto().getStatus()).isEqualTo("healthy");
        record.record(probe(-1), false);
        assertThat(record.toProto().getStatus()).isEqualTo("unhealthy");
        assertThat(record.toProto().getFailingStreak()).isEqualTo(2);
    }

    @Test
    void failuresWithinTheStartPeriod_doNotCountWhileStarting() {
        HealthRecord record = new HealthRecord(1);
        record.record(probe(1), true);
        record.record(probe(1), true);
        assertThat(record.toProto().getStatus()).isEqualTo("starting");
        assertThat(record.toProto().getFailingStreak()).isZero();
        record.record(probe(1), false);
        assertThat(record.toProto().getStatus()).isEqualTo("unhealthy");
    }

    @Test
    void failureWithinTheStartPeriod_countsOnceHealthy() {
        HealthRecord record = new HealthRecord(1);
        record.record(probe(0), true);
        record.record(probe(1), true);
        assertThat(record.toProto().getStatus()).isEqualTo("unhealthy");
    }

    @Test
    void log_keepsTheLastFive_oldestFirst() {
        HealthRecord record = new HealthRecord(100);
        for (int i = 1; i <= 7; i++) {
            record.record(probe(i), false);
        }
        assertThat(record.toProto().getLogList()).extracting(HealthLog::getExitCode).containsExactly(3, 4, 5, 6, 7);
    }
}
