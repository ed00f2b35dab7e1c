package dev.berth.node.spec;

import dev.berth.common.error.BerthException;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.HostConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the OCI runtime config (config.json) the way Docker's defaults shape it. */
public final class OciSpecFactory {

    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    static final List<String> DEFAULT_CAPABILITIES = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
            "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");
    static final List<String> MASKED_PATHS = List.of(
            "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
            "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware", "/sys/devices/virtual/powercap");
    static final List<String> READONLY_PATHS = List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    /** Everything the spec depends on besides the request. */
    public record Inputs(String containerId, ContainerConfig config, HostConfig hostConfig, Path rootfs,
                         Path hostnameFile, Path hostsFile, Path resolvConfFile,
                         UserResolver.ResolvedUser user, long nofileSoft, long nofileHard) {
    }

    public static String hostname(String containerId, ContainerConfig config) {
        if (!config.getHostname().isEmpty()) {
            return config.getHostname();
        }
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }

    public static List<String> args(ContainerConfig config) {
        List<String> args = new ArrayList<>(config.getEntrypointList());
        args.addAll(config.getCmdList());
        if (args.isEmpty()) {
            throw BerthException.invalid("No command specified");
        }
        return args;
    }

    public static boolean usesHostNetwork(HostConfig hostConfig) {
        return "host".equals(hostConfig.getNetworkMode());
    }

    public Map<String, Object> build(Inputs in) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("ociVersion", "1.0.2");
        spec.put("process", process(in));
        spec.put("root", Map.of("path", in.rootfs().toString(), "readonly", false));
        spec.put("hostname", hostname(in.containerId(), in.config()));
        spec.put("mounts", mounts(in));
        spec.put("linux", linux(in));
        return spec;
    }

    private Map<String, Object> process(Inputs in) {
        ContainerConfig config = in.config();
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("terminal", config.getTty());
        process.put("user", Map.of("uid", in.user().uid(), "gid", in.user().gid()));
        process.put("args", args(config));
        process.put("env", env(in));
        process.put("cwd", config.getWorkingDir().isEmpty() ? "/" : config.getWorkingDir());
        Map<String, Object> caps = new LinkedHashMap<>();
        caps.put("bounding", DEFAULT_CAPABILITIES);
        caps.put("effective", DEFAULT_CAPABILITIES);
        caps.put("permitted", DEFAULT_CAPABILITIES);
        process.put("capabilities", caps);
        process.put("rlimits", List.of(Map.of("type", "RLIMIT_NOFILE", "hard", in.nofileHard(), "soft", in.nofileSoft())));
        process.put("noNewPrivileges", false);
        return process;
    }

    static List<String> env(Inputs in) {
        List<String> env = new ArrayList<>(in.config().getEnvList());
        if (env.stream().noneMatch(e -> e.startsWith("PATH="))) {
            env.add(0, DEFAULT_PATH);
        }
        if (env.stream().noneMatch(e -> e.startsWith("HOSTNAME="))) {
            env.add(1, "HOSTNAME=" + hostname(in.containerId(), in.config()));
        }
        if (in.config().getTty() && env.stream().noneMatch(e -> e.startsWith("TERM="))) {
            env.add("TERM=xterm");
        }
        return env;
    }

    private List<Map<String, Object>> mounts(Inputs in) {
        List<Map<String, Object>> mounts = new ArrayList<>();
        mounts.add(mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")));
        mounts.add(mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")));
        mounts.add(mount("/dev/pts", "devpts", "devpts",
                List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")));
        mounts.add(mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")));
        mounts.add(mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("ro", "nosuid", "noexec", "nodev")));
        mounts.add(mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")));
        mounts.add(mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=67108864")));
        mounts.add(mount("/etc/resolv.conf", "bind", in.resolvConfFile().toString(), List.of("rbind", "rprivate")));
        mounts.add(mount("/etc/hostname", "bind", in.hostnameFile().toString(), List.of("rbind", "rprivate")));
        mounts.add(mount("/etc/hosts", "bind", in.hostsFile().toString(), List.of("rbind", "rprivate")));
        return mounts;
    }

    private static Map<String, Object> mount(String destination, String type, String source, List<String> options) {
        Map<String, Object> mount = new LinkedHashMap<>();
        mount.put("destination", destination);
        mount.put("type", type);
        mount.put("source", source);
        mount.put("options", options);
        return mount;
    }

    private Map<String, Object> linux(Inputs in) {
        Map<String, Object> linux = new LinkedHashMap<>();
        List<Map<String, Object>> namespaces = new ArrayList<>();
        for (String type : List.of("pid", "ipc", "uts", "mount")) {
            namespaces.add(Map.of("type", type));
        }
        if (!usesHostNetwork(in.hostConfig())) {
            // A fresh network namespace: runc brings its loopback up.
            namespaces.add(Map.of("type", "network"));
        }
        linux.put("namespaces", namespaces);
        linux.put("cgroupsPath", "/berth/" + in.containerId());
        linux.put("resources", Map.of("devices", deviceRules()));
        linux.put("maskedPaths", MASKED_PATHS);
        linux.put("readonlyPaths", READONLY_PATHS);
        return linux;
    }

    private static List<Map<String, Object>> deviceRules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        rules.add(Map.of("allow", false, "access", "rwm"));
        rules.add(device("c", null, null, "m"));
        rules.add(device("b", null, null, "m"));
        rules.add(device("c", 1, 3, "rwm"));   // null
        rules.add(device("c", 1, 5, "rwm"));   // zero
        rules.add(device("c", 1, 7, "rwm"));   // full
        rules.add(device("c", 1, 8, "rwm"));   // random
        rules.add(device("c", 1, 9, "rwm"));   // urandom
        rules.add(device("c", 5, 0, "rwm"));   // tty
        rules.add(device("c", 5, 1, "rwm"));   // console
        rules.add(device("c", 5, 2, "rwm"));   // ptmx
        rules.add(device("c", 136, null, "rwm")); // pts
        rules.add(device("c", 10, 200, "rwm")); // tun
        return rules;
    }

    private static Map<String, Object> device(String type, Integer major, Integer minor, String access) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("allow", true);
        rule.put("type", type);
        if (major != null) {
            rule.put("major", major);
        }
        if (minor != null) {
            rule.put("minor", minor);
        }
        rule.put("access", access);
        return rule;
    }
}
