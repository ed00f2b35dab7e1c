package dev.berth.node.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The spec being assembled by the {@link SpecOption}s; {@link #build} gives the immutable {@link OciSpec}. */
public final class SpecBuilder {

    private String hostname;
    private OciSpec.Root root;
    private boolean terminal;
    private List<String> args = List.of();
    private List<String> env = List.of();
    private String cwd = "/";
    private OciSpec.User user = new OciSpec.User(0, 0, null);
    private OciSpec.Capabilities capabilities;
    private final List<OciSpec.Rlimit> rlimits = new ArrayList<>();
    private boolean noNewPrivileges;
    private final List<OciSpec.Mount> mounts = new ArrayList<>();
    private final List<OciSpec.Namespace> namespaces = new ArrayList<>();
    private String cgroupsPath;
    private final List<OciSpec.DeviceRule> deviceRules = new ArrayList<>();
    private OciSpec.Memory memory;
    private OciSpec.Cpu cpu;
    private OciSpec.Pids pids;
    private OciSpec.BlockIO blockIO;
    private final List<String> maskedPaths = new ArrayList<>();
    private final List<String> readonlyPaths = new ArrayList<>();
    private String domainname;
    private final Map<String, String> sysctls = new LinkedHashMap<>();
    private final List<OciSpec.Device> devices = new ArrayList<>();
    private OciSpec.Seccomp seccomp;

    public SpecBuilder hostname(String value) {
        this.hostname = value;
        return this;
    }

    public SpecBuilder root(OciSpec.Root value) {
        this.root = value;
        return this;
    }

    public SpecBuilder process(List<String> newArgs, List<String> newEnv, String newCwd, boolean newTerminal) {
        this.args = List.copyOf(newArgs);
        this.env = List.copyOf(newEnv);
        this.cwd = newCwd;
        this.terminal = newTerminal;
        return this;
    }

    public SpecBuilder domainname(String value) {
        this.domainname = value;
        return this;
    }

    /** Puts {@code prefix} before the process's arguments (an init that execs the command). */
    public SpecBuilder prependArgs(List<String> prefix) {
        List<String> wrapped = new ArrayList<>(prefix);
        wrapped.addAll(args);
        this.args = List.copyOf(wrapped);
        return this;
    }

    /** The root filesystem, as {@link #root} set it, mounted read-only. */
    public SpecBuilder readonlyRoot() {
        this.root = new OciSpec.Root(root.path(), true);
        return this;
    }

    public SpecBuilder sysctl(String name, String value) {
        sysctls.put(name, value);
        return this;
    }

    public SpecBuilder user(OciSpec.User value) {
        this.user = value;
        return this;
    }

    public SpecBuilder capabilities(OciSpec.Capabilities value) {
        this.capabilities = value;
        return this;
    }

    public SpecBuilder noNewPrivileges(boolean value) {
        this.noNewPrivileges = value;
        return this;
    }

    public SpecBuilder rlimit(OciSpec.Rlimit limit) {
        rlimits.removeIf(existing -> existing.type().equals(limit.type()));
        rlimits.add(limit);
        return this;
    }

    /** Adds a mount; one at the same destination is replaced (a volume over a default mount). */
    public SpecBuilder mount(OciSpec.Mount mount) {
        mounts.removeIf(existing -> existing.destination().equals(mount.destination()));
        mounts.add(mount);
        return this;
    }

    public SpecBuilder namespace(String type) {
        return namespace(type, null);
    }

    /** A namespace to join at {@code path} (null: a new one); one of the same type is replaced. */
    public SpecBuilder namespace(String type, String path) {
        namespaces.removeIf(n -> n.type().equals(type));
        namespaces.add(new OciSpec.Namespace(type, path));
        return this;
    }

    public SpecBuilder cgroupsPath(String path) {
        this.cgroupsPath = path;
        return this;
    }

    public SpecBuilder deviceRule(OciSpec.DeviceRule rule) {
        deviceRules.add(rule);
        return this;
    }

    /** Drops the device rules set so far (a privileged container's cgroup allows every device). */
    public SpecBuilder clearDeviceRules() {
        deviceRules.clear();
        return this;
    }

    /** Adds a device node; one at the same path is replaced. */
    public SpecBuilder device(OciSpec.Device device) {
        devices.removeIf(existing -> existing.path().equals(device.path()));
        devices.add(device);
        return this;
    }

    public SpecBuilder seccomp(OciSpec.Seccomp value) {
        this.seccomp = value;
        return this;
    }

    /** Changes the options of the mount at {@code destination}, if there is one. */
    public SpecBuilder mountOptions(String destination, UnaryOperator<List<String>> change) {
        mounts.replaceAll(m -> m.destination().equals(destination)
                ? new OciSpec.Mount(m.destination(), m.type(), m.source(), List.copyOf(change.apply(m.options())))
                : m);
        return this;
    }

    public SpecBuilder memory(OciSpec.Memory value) {
        this.memory = value;
        return this;
    }

    public SpecBuilder cpu(OciSpec.Cpu value) {
        this.cpu = value;
        return this;
    }

    public SpecBuilder pids(OciSpec.Pids value) {
        this.pids = value;
        return this;
    }

    public SpecBuilder blockIO(OciSpec.BlockIO value) {
        this.blockIO = value;
        return this;
    }

    /** Replaces the masked paths. */
    public SpecBuilder maskedPaths(List<String> paths) {
        maskedPaths.clear();
        maskedPaths.addAll(paths);
        return this;
    }

    /** Replaces the read-only paths. */
    public SpecBuilder readonlyPaths(List<String> paths) {
        readonlyPaths.clear();
        readonlyPaths.addAll(paths);
        return this;
    }

    public OciSpec build() {
        OciSpec.Process process = new OciSpec.Process(terminal, user, args, env, cwd, capabilities,
                List.copyOf(rlimits), noNewPrivileges);
        OciSpec.Linux linux = new OciSpec.Linux(List.copyOf(namespaces), cgroupsPath,
                new OciSpec.Resources(List.copyOf(deviceRules), memory, cpu, pids, blockIO), List.copyOf(maskedPaths),
                List.copyOf(readonlyPaths), devices.isEmpty() ? null : List.copyOf(devices), seccomp,
                sysctls.isEmpty() ? null : Map.copyOf(sysctls));
        return new OciSpec(OciSpec.VERSION, process, root, hostname, parentsFirst(mounts), linux, domainname);
    }

    /**
     * Mounts in the order runc must make them: a parent before anything mounted inside it (a volume
     * at /etc before /etc/hosts), as Docker orders them. A mount is moved only when a mount inside
     * it came first; every other keeps the order it was added in.
     */
    static List<OciSpec.Mount> parentsFirst(List<OciSpec.Mount> mounts) {
        List<OciSpec.Mount> ordered = new ArrayList<>();
        for (OciSpec.Mount mount : mounts) {
            java.nio.file.Path parent = java.nio.file.Path.of(mount.destination()).normalize();
            int at = ordered.size();
            for (int k = 0; k < ordered.size(); k++) {
                java.nio.file.Path other = java.nio.file.Path.of(ordered.get(k).destination()).normalize();
                if (!other.equals(parent) && other.startsWith(parent)) {
                    at = k;
                    break;
                }
            }
            ordered.add(at, mount);
        }
        return List.copyOf(ordered);
    }
}
