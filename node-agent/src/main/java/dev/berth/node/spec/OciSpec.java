package dev.berth.node.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The OCI runtime config (config.json) as typed values, the parts of runtime-spec's config.md
 * that Berth sets. Absent (null) fields are left out of the JSON, so runc applies its defaults.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OciSpec(String ociVersion, Process process, Root root, String hostname, List<Mount> mounts,
                      Linux linux, String domainname) {

    public static final String VERSION = "1.0.2";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Process(boolean terminal, User user, List<String> args, List<String> env, String cwd,
                          Capabilities capabilities, List<Rlimit> rlimits, boolean noNewPrivileges) {
    }

    /** {@code additionalGids}: supplementary groups; null for none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record User(int uid, int gid, List<Integer> additionalGids) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Capabilities(List<String> bounding, List<String> effective, List<String> permitted,
                               List<String> inheritable, List<String> ambient) {
        /** The same set in the bounding, effective and permitted sets, as Docker grants it. */
        public static Capabilities of(List<String> capabilities) {
            return new Capabilities(capabilities, capabilities, capabilities, null, null);
        }
    }

    public record Rlimit(String type, long hard, long soft) {
    }

    public record Root(String path, boolean readonly) {
    }

    public record Mount(String destination, String type, String source, List<String> options) {
    }

    /** {@code devices}: nodes runc creates in the container's /dev; {@code seccomp} null: no filter. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Linux(List<Namespace> namespaces, String cgroupsPath, Resources resources,
                        List<String> maskedPaths, List<String> readonlyPaths, List<Device> devices,
                        Seccomp seccomp, Map<String, String> sysctl) {
    }

    /** A device node in the container: {@code type} "c" or "b", {@code fileMode} its permission bits. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Device(String path, String type, long major, long minor, Integer fileMode, Integer uid,
                         Integer gid) {
    }

    /** runtime-spec's linux.seccomp: the filter the kernel applies to the container's processes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Seccomp(String defaultAction, Integer defaultErrnoRet, List<String> architectures,
                          List<Syscall> syscalls) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Syscall(List<String> names, String action, Integer errnoRet, List<SyscallArg> args) {
    }

    /** {@code valueTwo} is only meaningful for SCMP_CMP_MASKED_EQ (the mask is {@code value}). */
    public record SyscallArg(int index, long value, long valueTwo, String op) {
    }

    /** {@code path}: join that namespace (a network namespace the node made); null: a new one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Namespace(String type, String path) {
    }

    /** cgroup settings; a null part leaves that controller as runc creates it (no limit). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Resources(List<DeviceRule> devices, Memory memory, Cpu cpu, Pids pids, BlockIO blockIO) {
    }

    /** Bytes; {@code swap} is memory plus swap (cgroup v1's memsw). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Memory(Long limit, Long reservation, Long swap) {
    }

    /** {@code quota} and {@code period} in microseconds (CFS); {@code cpus}, {@code mems} as cpuset lists. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cpu(Long shares, Long quota, Long period, String cpus, String mems) {
    }

    public record Pids(long limit) {
    }

    public record BlockIO(int weight) {
    }

    /** A device cgroup rule; null major or minor means any. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeviceRule(boolean allow, String type, Integer major, Integer minor, String access) {
    }
}
