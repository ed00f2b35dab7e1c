package dev.berth.image.pull;

/**
 * Lets through about a hundred progress reports per layer: enough for a smooth bar, few enough not
 * to flood the stream with a message per network read.
 */
public final class ProgressThrottle {

    private static final long MIN_STEP = 32 * 1024;

    private final long step;
    private long next;

    public ProgressThrottle(long total) {
        this.step = Math.max(MIN_STEP, total / 100);
        this.next = 0;
    }

    /** True when {@code current} is worth reporting. */
    public boolean shouldReport(long current) {
        if (current < next) {
            return false;
        }
        next = current + step;
        return true;
    }
}
