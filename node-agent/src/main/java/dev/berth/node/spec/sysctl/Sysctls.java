package dev.berth.node.spec.sysctl;

import dev.berth.common.error.BerthException;
import dev.berth.node.spec.SpecOption;
import dev.berth.proto.v1.HostConfig;
import java.util.Set;

/**
 * {@code --sysctl}: kernel parameters written into the container's own namespaces. Only the
 * namespaced ones are accepted, by runc's rules (the words are runc's, which Docker passes on):
 * the IPC ones (the container always has its own IPC namespace), {@code net.*} unless the
 * container shares the host's network namespace, and {@code kernel.domainname}.
 */
public final class Sysctls {

    static final Set<String> IPC = Set.of("kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
            "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced");

    private Sysctls() {
    }

    /** INVALID_ARGUMENT for a sysctl outside the container's namespaces. */
    public static void check(HostConfig host, boolean hostNetwork) {
        for (String given : host.getSysctlsMap().keySet()) {
            String name = dotted(given);
            if (IPC.contains(name) || name.startsWith("fs.mqueue.")) {
                continue;
            }
            if (name.startsWith("net.")) {
                if (hostNetwork) {
                    throw BerthException.invalid("sysctl \"" + name + "\" not allowed in host network namespace");
                }
                continue;
            }
            if (name.equals("kernel.domainname")) {
                continue;
            }
            if (name.equals("kernel.hostname")) {
                throw BerthException.invalid(
                        "sysctl \"kernel.hostname\" is not allowed as it conflicts with the OCI \"hostname\" field");
            }
            throw BerthException.invalid("sysctl \"" + name + "\" is not in a separate kernel namespace");
        }
    }

    public static SpecOption of(HostConfig host) {
        return spec -> host.getSysctlsMap().forEach(spec::sysctl);
    }

    /** sysctl(8) also accepts '/' as the separator ("net/ipv4/ip_forward"): '.' and '/' swap then. */
    static String dotted(String name) {
        int first = indexOfSeparator(name);
        if (first < 0 || name.charAt(first) == '.') {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            out.append(c == '/' ? '.' : c == '.' ? '/' : c);
        }
        return out.toString();
    }

    private static int indexOfSeparator(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.' || name.charAt(i) == '/') {
                return i;
            }
        }
        return -1;
    }
}
