package dev.berth.node.spec.security;

import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.PathList;
import java.util.List;

/**
 * The kernel files Docker hides from a container (masked: an empty file or directory bound over
 * them) and the ones it makes read-only, unless the container is privileged or the client sent
 * its own lists (--security-opt systempaths=unconfined sends empty ones).
 */
public final class SystemPaths {

    public static final List<String> MASKED = List.of(
            "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
            "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware", "/sys/devices/virtual/powercap");
    public static final List<String> READONLY = List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    private SystemPaths() {
    }

    /** The host config with the lists the container gets, as dockerd stores them at create (inspect shows them). */
    public static HostConfig.Builder fillDefaults(HostConfig.Builder host) {
        if (host.getPrivileged()) {
            return host;
        }
        if (!host.hasMaskedPaths()) {
            host.setMaskedPaths(PathList.newBuilder().addAllPaths(MASKED));
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
        return host.hasMaskedPaths() ? host.getMaskedPaths().getPathsList() : MASKED;
    }

    static List<String> readonly(HostConfig host) {
        if (host.getPrivileged()) {
            return List.of();
        }
        return host.hasReadonlyPaths() ? host.getReadonlyPaths().getPathsList() : READONLY;
    }
}
