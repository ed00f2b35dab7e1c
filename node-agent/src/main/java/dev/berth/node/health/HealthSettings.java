package dev.berth.node.health;

import dev.berth.proto.v1.HealthConfig;
import java.time.Duration;
import java.util.List;

/**
 * A container's HealthConfig with Docker's defaults filled in: probes every 30 s (every 5 s while
 * in the start period), 30 s timeout, 3 retries; the command of a CMD or CMD-SHELL test.
 */
record HealthSettings(List<String> command, Duration interval, Duration timeout, Duration startPeriod,
                      Duration startInterval, int retries) {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_START_INTERVAL = Duration.ofSeconds(5);
    static final int DEFAULT_RETRIES = 3;

    /** The settings, or null when the config runs no check (no test, or NONE). */
    static HealthSettings of(HealthConfig config) {
        List<String> test = config.getTestList();
        if (test.isEmpty() || test.get(0).equals("NONE")) {
            return null;
        }
        List<String> command = switch (test.get(0)) {
            case "CMD" -> test.subList(1, test.size());
            // Docker runs it with the image's shell, /bin/sh -c on Linux.
            case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())));
            default -> null;
        };
        if (command == null || command.isEmpty()) {
            return null;
        }
        return new HealthSettings(List.copyOf(command), orDefault(config.getInterval(), DEFAULT_INTERVAL),
                orDefault(config.getTimeout(), DEFAULT_TIMEOUT), orDefault(config.getStartPeriod(), Duration.ZERO),
                orDefault(config.getStartInterval(), DEFAULT_START_INTERVAL),
                config.getRetries() > 0 ? config.getRetries() : DEFAULT_RETRIES);
    }

    private static Duration orDefault(long nanos, Duration fallback) {
        return nanos > 0 ? Duration.ofNanos(nanos) : fallback;
    }

    /** Go's time.Duration.String() for the timeout message ("30s", "500ms", "1m30s"). */
    static String goDuration(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        long hours = d.toHours();
        long minutes = d.toMinutesPart();
        String seconds = trimmed(d.toSecondsPart() + d.toMillisPart() / 1000.0);
        if (hours > 0) {
            return hours + "h" + minutes + "m" + seconds + "s";
        }
        if (minutes > 0) {
            return minutes + "m" + seconds + "s";
        }
        return seconds + "s";
    }

    private static String trimmed(double seconds) {
        String text = String.format(java.util.Locale.ROOT, "%.3f", seconds);
        text = text.replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
