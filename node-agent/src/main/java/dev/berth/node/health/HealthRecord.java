package dev.berth.node.health;

import dev.berth.proto.v1.Health;
import dev.berth.proto.v1.HealthLog;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The health of one run of a container, by Docker's rules: "starting" until the first success
 * or until {@code retries} consecutive failures count, "healthy" after a success, "unhealthy"
 * after {@code retries} failures in a row. A failure while still starting and within the start
 * period does not count. The last five probes are kept.
 */
final class HealthRecord {

    static final String STARTING = "starting";
    static final String HEALTHY = "healthy";
    static final String UNHEALTHY = "unhealthy";
    static final int MAX_LOG_ENTRIES = 5;

    private final int retries;
    private String status = STARTING;
    private int failingStreak;
    private final Deque<HealthLog> log = new ArrayDeque<>();

    HealthRecord(int retries) {
        this.retries = retries;
    }

    synchronized void record(HealthLog probe, boolean withinStartPeriod) {
        log.addLast(probe);
        while (log.size() > MAX_LOG_ENTRIES) {
            log.removeFirst();
        }
        if (probe.getExitCode() == 0) {
            failingStreak = 0;
            status = HEALTHY;
            return;
        }
        if (status.equals(STARTING) && withinStartPeriod) {
            return;
        }
        failingStreak++;
        if (failingStreak >= retries) {
            status = UNHEALTHY;
        }
    }

    synchronized String status() {
        return status;
    }

    synchronized Health toProto() {
        return Health.newBuilder().setStatus(status).setFailingStreak(failingStreak).addAllLog(log).build();
    }
}
