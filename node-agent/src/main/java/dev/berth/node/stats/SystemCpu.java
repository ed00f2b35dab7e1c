package dev.berth.node.stats;

import java.nio.file.Path;

/**
 * The host's CPU time since boot, as Docker computes {@code system_cpu_usage}: the first seven
 * figures of /proc/stat's "cpu" line (user, nice, system, idle, iowait, irq, softirq), in clock
 * ticks, as nanoseconds. The CLI divides a container's CPU delta by this one's.
 */
final class SystemCpu {

    /** USER_HZ: /proc/stat counts in hundredths of a second on Linux, whatever the kernel's HZ. */
    static final long CLOCK_TICKS = 100;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final Path PROC_STAT = Path.of("/proc/stat");

    private SystemCpu() {
    }

    /** Zero when /proc/stat cannot be read. */
    static long usageNanos() {
        String text = CgroupFiles.read(PROC_STAT);
        return text == null ? 0 : parse(text);
    }

    static long parse(String procStat) {
        for (String line : procStat.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 8 && fields[0].equals("cpu")) {
                long ticks = 0;
                for (int i = 1; i < 8; i++) {
                    ticks += Long.parseLong(fields[i]);
                }
                return ticks * (NANOS_PER_SECOND / CLOCK_TICKS);
            }
        }
        throw new IllegalArgumentException("no cpu line in /proc/stat");
    }

    /** Clock ticks (cpuacct.stat's unit) as nanoseconds. */
    static long ticksToNanos(long ticks) {
        return ticks * (NANOS_PER_SECOND / CLOCK_TICKS);
    }
}
