package dev.berth.container.restart;

import java.time.Duration;

/**
 * Docker's delay before a policy restart: 100 ms, doubled at each restart, at most a minute, and
 * back to 100 ms once a run has lasted 10 s. One per container; not thread-safe (the caller holds
 * the container's guard).
 */
final class RestartBackoff {

    static final Duration FIRST = Duration.ofMillis(100);
    static final Duration MAXIMUM = Duration.ofMinutes(1);
    static final Duration STEADY_RUN = Duration.ofSeconds(10);

    private Duration last = Duration.ZERO;

    /** The delay before the next start, after a run that lasted {@code ranFor}. */
    Duration next(Duration ranFor) {
        if (ranFor.compareTo(STEADY_RUN) >= 0 || last.isZero()) {
            last = FIRST;
        } else {
            Duration doubled = last.multipliedBy(2);
            last = doubled.compareTo(MAXIMUM) > 0 ? MAXIMUM : doubled;
        }
        return last;
    }
}
