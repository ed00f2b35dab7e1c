package dev.berth.node.spec;

import dev.berth.common.error.BerthException;
import dev.berth.node.spec.security.ContainerSecurity;
import dev.berth.node.spec.security.HostCapabilities;
import dev.berth.node.spec.security.seccomp.SeccompCompiler;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.HostConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a container's OCI runtime config (config.json) the way Docker's defaults shape it: the
 * spec is the sum of {@link SpecOption}s, one per concern, applied in order.
 */
public final class OciSpecFactory {

    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
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

    private final HostCapabilities capabilities;
    private final SeccompCompiler.Target seccompTarget;

    /** For this node: its bounding capabilities, architecture and kernel. */
    public OciSpecFactory() {
        this(HostCapabilities.read(), SeccompCompiler.Target.ofThisNode());
    }

    public OciSpecFactory(HostCapabilities capabilities, SeccompCompiler.Target seccompTarget) {
        this.capabilities = capabilities;
        this.seccompTarget = seccompTarget;
    }

    public OciSpec build(Inputs in) {
        return build(options(in, capabilities, seccompTarget));
    }

    public static OciSpec build(List<SpecOption> options) {
        SpecBuilder spec = new SpecBuilder();
        options.forEach(option -> option.applyTo(spec));
        return spec.build();
    }

    /** The options of a container as created today; features (resources, network, volumes) add theirs. */
    public static List<SpecOption> options(Inputs in, HostCapabilities capabilities, SeccompCompiler.Target target) {
        return List.of(
                rootAndHostname(in),
                process(in),
                user(in.user()),
                openFilesLimit(in.nofileSoft(), in.nofileHard()),
                systemMounts(),
                etcFiles(in),
                namespaces(usesHostNetwork(in.hostConfig())),
                cgroup(in.containerId()),
                CgroupResources.of(in.hostConfig()),
                defaultDevices(),
                ContainerSecurity.of(in.hostConfig(), capabilities, target));
    }

    static SpecOption rootAndHostname(Inputs in) {
        return spec -> spec.root(new OciSpec.Root(in.rootfs().toString(), false))
                .hostname(hostname(in.containerId(), in.config()));
    }

    static SpecOption process(Inputs in) {
        ContainerConfig config = in.config();
        String cwd = config.getWorkingDir().isEmpty() ? "/" : config.getWorkingDir();
        return spec -> spec.process(args(config), env(in), cwd, config.getTty());
    }

    static SpecOption user(UserResolver.ResolvedUser user) {
        return spec -> spec.user(new OciSpec.User(user.uid(), user.gid(), null));
    }

    /** The host's limits, as Docker does: runc refuses more than the hard limit. */
    static SpecOption openFilesLimit(long soft, long hard) {
        return spec -> spec.rlimit(new OciSpec.Rlimit("RLIMIT_NOFILE", hard, soft));
    }

    static SpecOption systemMounts() {
        return spec -> spec
                .mount(new OciSpec.Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")))
                .mount(new OciSpec.Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")))
                .mount(new OciSpec.Mount("/dev/pts", "devpts", "devpts",
                        List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")))
                .mount(new OciSpec.Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")))
                .mount(new OciSpec.Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("ro", "nosuid", "noexec", "nodev")))
                .mount(new OciSpec.Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")))
                .mount(new OciSpec.Mount("/dev/shm", "tmpfs", "shm",
                        List.of("nosuid", "noexec", "nodev", "mode=1777", "size=67108864")));
    }

    /** The generated /etc/resolv.conf, /etc/hostname and /etc/hosts, bind-mounted from the bundle. */
    static SpecOption etcFiles(Inputs in) {
        return spec -> spec
                .mount(bind("/etc/resolv.conf", in.resolvConfFile()))
                .mount(bind("/etc/hostname", in.hostnameFile()))
                .mount(bind("/etc/hosts", in.hostsFile()));
    }

    private static OciSpec.Mount bind(String destination, Path source) {
        return new OciSpec.Mount(destination, "bind", source.toString(), List.of("rbind", "rprivate"));
    }

    static SpecOption namespaces(boolean hostNetwork) {
        return spec -> {
            for (String type : List.of("pid", "ipc", "uts", "mount")) {
                spec.namespace(type);
            }
            if (!hostNetwork) {
                // A fresh network namespace: runc brings its loopback up.
                spec.namespace("network");
            }
        };
    }

    static SpecOption cgroup(String containerId) {
        return spec -> spec.cgroupsPath("/berth/" + containerId);
    }

    /** Docker's default device rules: everything denied, then the usual character devices. */
    static SpecOption defaultDevices() {
        return spec -> spec
                .deviceRule(new OciSpec.DeviceRule(false, null, null, null, "rwm"))
                .deviceRule(allow("c", null, null, "m"))
                .deviceRule(allow("b", null, null, "m"))
                .deviceRule(allow("c", 1, 3, "rwm"))    // null
                .deviceRule(allow("c", 1, 5, "rwm"))    // zero
                .deviceRule(allow("c", 1, 7, "rwm"))    // full
                .deviceRule(allow("c", 1, 8, "rwm"))    // random
                .deviceRule(allow("c", 1, 9, "rwm"))    // urandom
                .deviceRule(allow("c", 5, 0, "rwm"))    // tty
                .deviceRule(allow("c", 5, 1, "rwm"))    // console
                .deviceRule(allow("c", 5, 2, "rwm"))    // ptmx
                .deviceRule(allow("c", 136, null, "rwm")) // pts
                .deviceRule(allow("c", 10, 200, "rwm")); // tun
    }

    private static OciSpec.DeviceRule allow(String type, Integer major, Integer minor, String access) {
        return new OciSpec.DeviceRule(true, type, major, minor, access);
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
}
