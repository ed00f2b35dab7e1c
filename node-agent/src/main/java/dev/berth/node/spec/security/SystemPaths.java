package dev.berth.node.spec.security;

import dev.berth.node.resources.CpuSetList;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.PathList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The kernel files Docker hides from a container (masked: an empty file or directory bound over
 * them) and the ones it makes read-only, unless the container is privileged or the client sent
 * its own lists (--security-opt systempaths=unconfined sends empty ones).
 */
public final class SystemPaths {

    /** Docker 28's list; {@link #masked()} adds this host's CPU thermal_throttle directories. */
    public static final List<String> MASKED = List.of(
            "/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
            "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware", "/sys/devices/virtual/powercap");
    public static final List<String> READONLY = List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    private static volatile List<String> hostMasked;

    private SystemPaths() {
    }

    /** Docker's masked paths on this host: the fixed list and each possible CPU's thermal_throttle that exists. */
    public static List<String> masked() {
        if (hostMasked == null) {
            hostMasked = masked(Path.of("/sys/devices/system/cpu"));
        }
        return hostMasked;
    }

    static List<String> masked(Path cpuDir) {
        List<String> paths = new ArrayList<>(MASKED);
        BitSet cpus;
        try {
            cpus = CpuSetList.parse(Files.readString(cpuDir.resolve("possible")).trim());
        } catch (IOException e) {
            cpus = null;
        }
        if (cpus != null) {
            cpus.stream().mapToObj(cpu -> cpuDir.resolve("cpu" + cpu).resolve("thermal_throttle"))
                    .filter(Files::exists)
                    .forEach(path -> paths.add("/sys/devices/system/cpu/" + cpuDir.relativize(path)));
        }
        return List.copyOf(paths);
    }

    /** The host config with the lists the container gets, as dockerd stores them at create (inspect shows them). */
    public static HostConfig.Builder fillDefaults(HostConfig.Builder host) {
        if (host.getPrivileged()) {
            return host;
        }
        if (!host.hasMaskedPaths()) {
            host.setMaskedPaths(PathList.newBuilder().addAllPaths(masked()));
        }
        if (!host.hasReadonlyPaths()) {
            host.setReadonlyPaths(PathList.newBuilder().addAllPaths(READONLY));
        }
        return host;
    }

    static List<String> masked(HostConfig host) {
        if (host.getPrivileged()) {
            return List.of();
        }
        return host.hasMaskedPaths() ? host.getMaskedPaths().getPathsList() : masked();
    }

    static List<String> readonly(HostConfig host) {
        if (host.getPrivileged()) {
            return List.of();
        }
        return host.hasReadonlyPaths() ? host.getReadonlyPaths().getPathsList() : READONLY;
    }
}
