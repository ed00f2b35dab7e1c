package dev.berth.node.spec;

import dev.berth.common.error.BerthException;
import dev.berth.node.spec.fs.ReadonlyRootfs;
import dev.berth.node.spec.fs.ShmSize;
import dev.berth.node.spec.fs.BindMounts;
import dev.berth.node.spec.fs.VolumeMounts;
import dev.berth.node.spec.fs.TmpfsMounts;
import dev.berth.node.spec.init.InitProcess;
import dev.berth.node.spec.sysctl.Sysctls;
import dev.berth.node.spec.ulimit.Ulimits;
import dev.berth.node.spec.security.ContainerSecurity;
import dev.berth.node.spec.security.HostCapabilities;
import dev.berth.node.spec.security.seccomp.SeccompCompiler;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.HostConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a container's OCI runtime config (config.json) the way Docker's defaults shape it: the
 * spec is the sum of {@link SpecOption}s, one per concern, applied in order.
 */
public final class OciSpecFactory {

    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** Everything the spec depends on besides the request; {@code initBinary} is the node's tini (--init). */
    public record Inputs(String containerId, ContainerConfig config, HostConfig hostConfig, Path rootfs,
                         Path hostnameFile, Path hostsFile, Path resolvConfFile,
                         UserResolver.ResolvedUser user, long nofileSoft, long nofileHard, Path initBinary,
                         Path networkNamespace, Map<String, Path> volumeDirs) {

        public Inputs(String containerId, ContainerConfig config, HostConfig hostConfig, Path rootfs,
                      Path hostnameFile, Path hostsFile, Path resolvConfFile,
                      UserResolver.ResolvedUser user, long nofileSoft, long nofileHard, Path initBinary,
                      Path networkNamespace) {
            this(containerId, config, hostConfig, rootfs, hostnameFile, hostsFile, resolvConfFile, user,
                    nofileSoft, nofileHard, initBinary, networkNamespace, Map.of());
        }

        public Inputs(String containerId, ContainerConfig config, HostConfig hostConfig, Path rootfs,
                      Path hostnameFile, Path hostsFile, Path resolvConfFile,
                      UserResolver.ResolvedUser user, long nofileSoft, long nofileHard) {
            this(containerId, config, hostConfig, rootfs, hostnameFile, hostsFile, resolvConfFile, user,
                    nofileSoft, nofileHard, null, null, Map.of());
        }
    }

    /** --hostname if given; the host's own on the host's network, as Docker gives it; else the short id. */
    public static String hostname(String containerId, ContainerConfig config, HostConfig hostConfig) {
        if (!config.getHostname().isEmpty()) {
            return config.getHostname();
        }
        if (usesHostNetwork(hostConfig)) {
            try {
                String own = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
                if (!own.isEmpty()) {
                    return own;
                }
            } catch (IOException e) {
                // fall back to the short id
            }
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
        HostConfig host = in.hostConfig();
        List<SpecOption> options = new ArrayList<>(List.of(
                rootAndHostname(in),
                ReadonlyRootfs.of(host.getReadonlyRootfs()),
                process(in),
                user(in.user()),
                openFilesLimit(in.nofileSoft(), in.nofileHard()),
                Ulimits.of(host),
                systemMounts(),
                ShmSize.of(host.getShmSize()),
                etcFiles(in),
                TmpfsMounts.of(host),
                BindMounts.of(host),
                VolumeMounts.of(host, in.volumeDirs()),
                namespaces(usesHostNetwork(host), in.networkNamespace()),
                Sysctls.of(host),
                cgroup(in.containerId()),
                CgroupResources.of(host),
                defaultDevices(),
                ContainerSecurity.of(in.hostConfig(), capabilities, target)));
        if (host.hasInit() && host.getInit()) {
            options.add(InitProcess.of(in.initBinary()));
        }
        return options;
    }

    static SpecOption rootAndHostname(Inputs in) {
        String domainname = in.config().getDomainname();
        return spec -> {
            spec.root(new OciSpec.Root(in.rootfs().toString(), false))
                    .hostname(hostname(in.containerId(), in.config(), in.hostConfig()));
            if (!domainname.isEmpty()) {
                // runc before 1.2 ignores the spec's domainname: the UTS sysctl sets it on any runc,
                // as Docker did before the field existed. A --sysctl kernel.domainname comes later and wins.
                spec.domainname(domainname).sysctl("kernel.domainname", domainname);
            }
        };
    }

    static SpecOption process(Inputs in) {
        ContainerConfig config = in.config();
        String cwd = config.getWorkingDir().isEmpty() ? "/" : config.getWorkingDir();
        return spec -> spec.process(args(config), env(in), cwd, config.getTty());
    }

    static SpecOption user(UserResolver.ResolvedUser user) {
        List<Integer> groups = user.additionalGids().isEmpty() ? null : user.additionalGids();
        return spec -> spec.user(new OciSpec.User(user.uid(), user.gid(), groups));
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
                .mount(new OciSpec.Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")));
        // /dev/shm comes next, from ShmSize.
    }

    /**
     * The generated /etc/resolv.conf, /etc/hostname and /etc/hosts, bind-mounted from the bundle;
     * read-only with a read-only rootfs, as Docker mounts them.
     */
    static SpecOption etcFiles(Inputs in) {
        boolean readonly = in.hostConfig().getReadonlyRootfs();
        return spec -> spec
                .mount(bind("/etc/resolv.conf", in.resolvConfFile(), readonly))
                .mount(bind("/etc/hostname", in.hostnameFile(), readonly))
                .mount(bind("/etc/hosts", in.hostsFile(), readonly));
    }

    private static OciSpec.Mount bind(String destination, Path source, boolean readonly) {
        return new OciSpec.Mount(destination, "bind", source.toString(),
                readonly ? List.of("rbind", "rprivate", "ro") : List.of("rbind", "rprivate"));
    }

    /**
     * {@code networkNamespace}: the namespace the node made and wired to a network (CNI), joined
     * by path; null with --network none: a fresh one, whose loopback runc brings up.
     */
    static SpecOption namespaces(boolean hostNetwork, Path networkNamespace) {
        return spec -> {
            for (String type : List.of("pid", "ipc", "uts", "mount")) {
                spec.namespace(type);
            }
            if (!hostNetwork) {
                spec.namespace("network", networkNamespace == null ? null : networkNamespace.toString());
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
            env.add(1, "HOSTNAME=" + hostname(in.containerId(), in.config(), in.hostConfig()));
        }
        if (in.config().getTty() && env.stream().noneMatch(e -> e.startsWith("TERM="))) {
            env.add("TERM=xterm");
        }
        return env;
    }
}
