package dev.berth.node.spec.security.seccomp;

import dev.berth.common.error.BerthException;
import dev.berth.node.spec.OciSpec;
import dev.berth.node.spec.security.seccomp.SeccompProfile.Filter;
import dev.berth.node.spec.security.seccomp.SeccompProfile.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a Docker-format profile into the OCI filter of one container, as dockerd does: the
 * architectures of the node's own entry of the arch map, and only the rules whose conditions hold
 * for this architecture, this kernel and the container's bounding capabilities.
 */
public final class SeccompCompiler {

    /** Go's architecture names (the profile's "arches") by the JVM's os.arch. */
    private static final Map<String, String> GO_ARCH = Map.of(
            "amd64", "amd64", "x86_64", "amd64", "aarch64", "arm64", "arm", "arm",
            "x86", "386", "i386", "386", "s390x", "s390x", "ppc64le", "ppc64le", "riscv64", "riscv64");

    private static final Map<String, String> NATIVE_ARCH = Map.of(
            "amd64", "SCMP_ARCH_X86_64", "386", "SCMP_ARCH_X86", "arm64", "SCMP_ARCH_AARCH64",
            "arm", "SCMP_ARCH_ARM", "s390x", "SCMP_ARCH_S390X", "ppc64le", "SCMP_ARCH_PPC64LE",
            "riscv64", "SCMP_ARCH_RISCV64");

    /** Where the filter runs: Go's name of the architecture and the kernel's "major.minor". */
    public record Target(String goArch, KernelVersion kernel) {

        public static Target ofThisNode() {
            String arch = System.getProperty("os.arch", "");
            return new Target(GO_ARCH.getOrDefault(arch, arch), KernelVersion.ofThisNode());
        }
    }

    private SeccompCompiler() {
    }

    public static OciSpec.Seccomp compile(SeccompProfile profile, List<String> bounding, Target target) {
        if (profile.architectures() != null && !profile.architectures().isEmpty()
                && profile.archMap() != null && !profile.archMap().isEmpty()) {
            throw BerthException.invalid("both 'architectures' and 'archMap' are specified in the seccomp profile,"
                    + " use either 'architectures' or 'archMap'");
        }
        List<String> architectures = new ArrayList<>();
        if (profile.architectures() != null) {
            architectures.addAll(profile.architectures());
        }
        String nativeArch = NATIVE_ARCH.get(target.goArch());
        if (profile.archMap() != null) {
            for (SeccompProfile.ArchMap entry : profile.archMap()) {
                if (entry.architecture() != null && entry.architecture().equals(nativeArch)) {
                    architectures.add(entry.architecture());
                    if (entry.subArchitectures() != null) {
                        architectures.addAll(entry.subArchitectures());
                    }
                }
            }
        }
        List<OciSpec.Syscall> syscalls = new ArrayList<>();
        for (Rule rule : profile.syscalls() == null ? List.<Rule>of() : profile.syscalls()) {
            if (applies(rule, bounding, target)) {
                syscalls.add(new OciSpec.Syscall(names(rule), rule.action(), rule.errnoRet(), args(rule)));
            }
        }
        return new OciSpec.Seccomp(profile.defaultAction(), profile.defaultErrnoRet(),
                architectures.isEmpty() ? null : List.copyOf(architectures), List.copyOf(syscalls));
    }

    private static List<String> names(Rule rule) {
        if (rule.name() != null && !rule.name().isEmpty()) {
            if (rule.names() != null && !rule.names().isEmpty()) {
                throw BerthException.invalid("syscalls.name and syscalls.names are mutually exclusive");
            }
            return List.of(rule.name());
        }
        return rule.names() == null ? List.of() : rule.names();
    }

    private static List<OciSpec.SyscallArg> args(Rule rule) {
        if (rule.args() == null || rule.args().isEmpty()) {
            return null;
        }
        return rule.args().stream().map(a -> new OciSpec.SyscallArg(a.index(), a.value(), a.valueTwo(), a.op())).toList();
    }

    /** Includes: all must hold; excludes: none may. */
    static boolean applies(Rule rule, List<String> bounding, Target target) {
        Filter in = rule.includes();
        if (in != null) {
            if (in.arches() != null && !in.arches().isEmpty() && !in.arches().contains(target.goArch())) {
                return false;
            }
            if (in.caps() != null && !bounding.containsAll(in.caps())) {
                return false;
            }
            if (in.minKernel() != null && !in.minKernel().isEmpty()
                    && target.kernel().isOlderThan(KernelVersion.parse(in.minKernel()))) {
                return false;
            }
        }
        Filter out = rule.excludes();
        if (out != null) {
            if (out.arches() != null && out.arches().contains(target.goArch())) {
                return false;
            }
            if (out.caps() != null && out.caps().stream().anyMatch(bounding::contains)) {
                return false;
            }
            if (out.minKernel() != null && !out.minKernel().isEmpty()
                    && !target.kernel().isOlderThan(KernelVersion.parse(out.minKernel()))) {
                return false;
            }
        }
        return true;
    }
}
