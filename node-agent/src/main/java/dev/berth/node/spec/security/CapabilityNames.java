package dev.berth.node.spec.security;

import dev.berth.common.error.BerthException;
import java.util.List;
import java.util.Locale;

/**
 * Linux capability names by number (linux/capability.h, up to CAP_CHECKPOINT_RESTORE = 40) and
 * the set Docker grants a container by default.
 */
public final class CapabilityNames {

    /** Index = capability number. */
    static final List<String> BY_NUMBER = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
            "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
            "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
            "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
            "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN",
            "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
            "CAP_CHECKPOINT_RESTORE");

    /** Docker's default set (moby oci/caps), in Docker's order. */
    public static final List<String> DOCKER_DEFAULT = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
            "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    /** The CapAdd/CapDrop value that means every capability. */
    public static final String ALL = "ALL";

    private CapabilityNames() {
    }

    /** The capability's number, or -1 for a name the kernel headers do not know. */
    public static int number(String name) {
        return BY_NUMBER.indexOf(name);
    }

    public static String name(int number) {
        return number < BY_NUMBER.size() ? BY_NUMBER.get(number) : null;
    }

    /**
     * Docker's normalisation of a CapAdd/CapDrop entry: upper case, CAP_ prefixed, "ALL" kept; a
     * name no kernel knows, or one this host's bounding set lacks, is refused in Docker's words.
     */
    public static String normalise(String field, String value, HostCapabilities host) {
        String name = value.toUpperCase(Locale.ROOT);
        if (name.equals(ALL)) {
            return name;
        }
        if (!name.startsWith("CAP_")) {
            name = "CAP_" + name;
        }
        if (number(name) < 0) {
            throw BerthException.invalid("invalid " + field + ": unknown capability: \"" + name + "\"");
        }
        if (!host.has(name)) {
            throw BerthException.invalid("invalid " + field + ": capability not supported by your kernel or not"
                    + " available in the current environment: \"" + name + "\"");
        }
        return name;
    }
}
