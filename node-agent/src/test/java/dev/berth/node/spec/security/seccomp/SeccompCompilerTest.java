package dev.berth.node.spec.security.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.node.spec.OciSpec;
import dev.berth.node.spec.security.CapabilityNames;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeccompCompilerTest {

    private static final SeccompCompiler.Target AMD64 = new SeccompCompiler.Target("amd64", new KernelVersion(6, 1));

    private static OciSpec.Seccomp defaultFor(List<String> caps, SeccompCompiler.Target target) {
        return SeccompCompiler.compile(DefaultSeccompProfile.get(), caps, target);
    }

    private static List<OciSpec.Syscall> rulesFor(OciSpec.Seccomp filter, String name) {
        return filter.syscalls().stream().filter(s -> s.names().contains(name)).toList();
    }

    @Test
    void defaultProfile_shape() {
        OciSpec.Seccomp filter = defaultFor(CapabilityNames.DOCKER_DEFAULT, AMD64);
        assertThat(filter.defaultAction()).isEqualTo("SCMP_ACT_ERRNO");
        assertThat(filter.defaultErrnoRet()).isEqualTo(1);
        assertThat(filter.architectures()).containsExactly("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32");
        assertThat(filter.syscalls().get(0).names()).contains("read", "write", "execve", "capset").hasSize(DefaultSeccompProfile.ALLOWED.size());
        assertThat(filter.syscalls().get(0).action()).isEqualTo("SCMP_ACT_ALLOW");
        // socket(2) for every family but AF_VSOCK.
        assertThat(rulesFor(filter, "socket")).singleElement().satisfies(r ->
                assertThat(r.args()).containsExactly(new OciSpec.SyscallArg(0, 40, 0, "SCMP_CMP_NE")));
        assertThat(rulesFor(filter, "personality")).hasSize(5);
        assertThat(rulesFor(filter, "arch_prctl")).hasSize(1);
        assertThat(rulesFor(filter, "s390_runtime_instr")).isEmpty();
    }

    @Test
    void defaultProfile_withoutSysAdmin_noMountUnshare_cloneWithoutNamespaces_clone3Enosys() {
        OciSpec.Seccomp filter = defaultFor(CapabilityNames.DOCKER_DEFAULT, AMD64);
        assertThat(rulesFor(filter, "mount")).isEmpty();
        assertThat(rulesFor(filter, "unshare")).isEmpty();
        assertThat(rulesFor(filter, "ptrace")).singleElement(); // allowed from kernel 4.8 on
        assertThat(rulesFor(filter, "reboot")).isEmpty();
        assertThat(rulesFor(filter, "clone")).singleElement().satisfies(r ->
                assertThat(r.args()).containsExactly(new OciSpec.SyscallArg(0, 0x7E020000L, 0, "SCMP_CMP_MASKED_EQ")));
        assertThat(rulesFor(filter, "clone3")).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo("SCMP_ACT_ERRNO");
            assertThat(r.errnoRet()).isEqualTo(38);
        });
        // chroot comes with CAP_SYS_CHROOT, in Docker's default set.
        assertThat(rulesFor(filter, "chroot")).singleElement();
    }

    @Test
    void defaultProfile_withSysAdmin_allowsMountAndAnyClone() {
        List<String> caps = new ArrayList<>(CapabilityNames.DOCKER_DEFAULT);
        caps.add("CAP_SYS_ADMIN");
        OciSpec.Seccomp filter = defaultFor(caps, AMD64);
        assertThat(rulesFor(filter, "mount")).singleElement();
        assertThat(rulesFor(filter, "clone3")).singleElement().satisfies(r -> assertThat(r.action()).isEqualTo("SCMP_ACT_ALLOW"));
        assertThat(rulesFor(filter, "clone")).singleElement().satisfies(r -> assertThat(r.args()).isNull());
    }

    @Test
    void defaultProfile_oldKernel_leavesOutPtrace() {
        OciSpec.Seccomp filter = defaultFor(CapabilityNames.DOCKER_DEFAULT,
                new SeccompCompiler.Target("amd64", new KernelVersion(4, 4)));
        assertThat(rulesFor(filter, "ptrace")).isEmpty();
    }

    @Test
    void defaultProfile_arm64_itsOwnArchitectures() {
        OciSpec.Seccomp filter = defaultFor(CapabilityNames.DOCKER_DEFAULT, new SeccompCompiler.Target("arm64", new KernelVersion(6, 1)));
        assertThat(filter.architectures()).containsExactly("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM");
        assertThat(rulesFor(filter, "arch_prctl")).isEmpty();
        assertThat(rulesFor(filter, "cacheflush")).singleElement();
    }

    @Test
    void customProfile_readAndCompiled() {
        SeccompProfile profile = SeccompProfileReader.read("""
                {"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64"], "unknownField": 1,
                 "syscalls": [{"name": "mkdir", "action": "SCMP_ACT_ERRNO", "errnoRet": 13},
                              {"names": ["reboot"], "action": "SCMP_ACT_ERRNO", "excludes": {"caps": ["CAP_SYS_BOOT"]}}]}
                """);
        OciSpec.Seccomp filter = SeccompCompiler.compile(profile, List.of("CAP_SYS_BOOT"), AMD64);
        assertThat(filter.architectures()).containsExactly("SCMP_ARCH_X86_64");
        assertThat(filter.syscalls()).containsExactly(new OciSpec.Syscall(List.of("mkdir"), "SCMP_ACT_ERRNO", 13, null));
    }

    @Test
    void customProfile_argsWithoutValueTwo_andEmptyConditions() {
        SeccompProfile profile = SeccompProfileReader.read("""
                {"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1,
                 "syscalls": [{"names": ["socket"], "action": "SCMP_ACT_ALLOW", "includes": {}, "excludes": {},
                               "args": [{"index": 0, "value": 40, "op": "SCMP_CMP_NE"}]}]}
                """);
        OciSpec.Seccomp filter = SeccompCompiler.compile(profile, List.of(), AMD64);
        assertThat(filter.architectures()).isNull();
        assertThat(filter.syscalls()).containsExactly(new OciSpec.Syscall(List.of("socket"), "SCMP_ACT_ALLOW", null,
                List.of(new OciSpec.SyscallArg(0, 40, 0, "SCMP_CMP_NE"))));
    }

    @Test
    void customProfile_badJson_isDockersMessage() {
        assertThatThrownBy(() -> SeccompProfileReader.read("{not json"))
                .hasMessageStartingWith("Decoding seccomp profile failed: ");
    }

    @Test
    void customProfile_architecturesAndArchMap_areExclusive() {
        SeccompProfile profile = SeccompProfileReader.read("""
                {"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64"],
                 "archMap": [{"architecture": "SCMP_ARCH_X86_64"}]}
                """);
        assertThatThrownBy(() -> SeccompCompiler.compile(profile, List.of(), AMD64))
                .hasMessageStartingWith("both 'architectures' and 'archMap' are specified");
    }
}
