package dev.berth.node.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The host's RLIMIT_NOFILE, read from /proc/self/limits (runc refuses more than the hard limit). */
public final class HostLimits {

    public record Limit(long soft, long hard) {
    }

    private HostLimits() {
    }

    public static Limit openFiles() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
                    return new Limit(parse(fields[0]), parse(fields[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall back below
        }
        return new Limit(1024, 4096);
    }

    private static long parse(String value) {
        return "unlimited".equals(value) ? 1048576 : Long.parseLong(value);
    }
}
