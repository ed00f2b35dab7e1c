package dev.berth.node.spec.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.node.spec.OciSpec;
import dev.berth.node.spec.SpecBuilder;
import dev.berth.node.spec.security.seccomp.KernelVersion;
import dev.berth.node.spec.security.seccomp.SeccompCompiler;
import dev.berth.proto.v1.DeviceMapping;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.PathList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerSecurityTest {

    private static final HostCapabilities NODE = HostCapabilities.ofMask(0x1fffeffffffL);
    private static final SeccompCompiler.Target AMD64 = new SeccompCompiler.Target("amd64", new KernelVersion(6, 1));

    /** The default mounts and device rules the security option changes, then the option. */
    private static OciSpec spec(HostConfig host) {
        SpecBuilder spec = new SpecBuilder()
                .mount(new OciSpec.Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")))
                .mount(new OciSpec.Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("ro", "nosuid")))
                .deviceRule(new OciSpec.DeviceRule(false, null, null, null, "rwm"));
        ContainerSecurity.of(host, NODE, AMD64).applyTo(spec);
        return spec.build();
    }

    @Test
    void defaults_dockersCapabilitiesSeccompAndPaths() {
        OciSpec spec = spec(HostConfig.getDefaultInstance());
        assertThat(spec.process().capabilities().effective()).isEqualTo(CapabilityNames.DOCKER_DEFAULT);
        assertThat(spec.process().capabilities().permitted()).isEqualTo(CapabilityNames.DOCKER_DEFAULT);
        assertThat(spec.process().capabilities().inheritable()).isNull();
        assertThat(spec.process().noNewPrivileges()).isFalse();
        assertThat(spec.linux().seccomp().defaultAction()).isEqualTo("SCMP_ACT_ERRNO");
        assertThat(spec.linux().maskedPaths()).isEqualTo(SystemPaths.masked()).containsAll(SystemPaths.MASKED);
        assertThat(spec.linux().readonlyPaths()).isEqualTo(SystemPaths.READONLY);
        assertThat(spec.linux().devices()).isNull();
        assertThat(spec.mounts().get(0).options()).contains("ro");
        assertThat(spec.mounts().get(1).options()).contains("ro");
    }

    @Test
    void writableCgroups_onlyTheCgroupMount() {
        OciSpec spec = spec(HostConfig.newBuilder().addSecurityOpt("writable-cgroups=true").build());
        assertThat(spec.mounts().get(0).options()).contains("ro");
        assertThat(spec.mounts().get(1).options()).containsExactly("nosuid");
    }

    @Test
    void privileged_withItsOwnProfile_appliesIt() {
        OciSpec spec = spec(HostConfig.newBuilder().setPrivileged(true)
                .addSecurityOpt("seccomp={\"defaultAction\":\"SCMP_ACT_ALLOW\"}").build());
        assertThat(spec.linux().seccomp()).isEqualTo(new OciSpec.Seccomp("SCMP_ACT_ALLOW", null, null, List.of()));
    }

    @Test
    void privileged_liftsEverything() {
        OciSpec spec = spec(HostConfig.newBuilder().setPrivileged(true).addSecurityOpt("no-new-privileges").build());
        assertThat(spec.process().capabilities().bounding()).hasSize(40);
        assertThat(spec.linux().seccomp()).isNull();
        assertThat(spec.linux().maskedPaths()).isEmpty();
        assertThat(spec.linux().readonlyPaths()).isEmpty();
        assertThat(spec.linux().resources().devices()).containsExactly(new OciSpec.DeviceRule(true, null, null, null, "rwm"));
        assertThat(spec.linux().devices()).extracting(OciSpec.Device::path).contains("/dev/null");
        assertThat(spec.mounts().get(0).options()).doesNotContain("ro");
        assertThat(spec.mounts().get(1).options()).doesNotContain("ro");
        assertThat(spec.process().noNewPrivileges()).isTrue();
    }

    @Test
    void unconfinedAndSystemPathsUnconfined() {
        OciSpec spec = spec(HostConfig.newBuilder().addSecurityOpt("seccomp=unconfined")
                .setMaskedPaths(PathList.getDefaultInstance()).setReadonlyPaths(PathList.getDefaultInstance()).build());
        assertThat(spec.linux().seccomp()).isNull();
        assertThat(spec.linux().maskedPaths()).isEmpty();
        assertThat(spec.linux().readonlyPaths()).isEmpty();
    }

    @Test
    void device_nodeAndItsCgroupRule() {
        OciSpec spec = spec(HostConfig.newBuilder().addDevices(DeviceMapping.newBuilder().setPathOnHost("/dev/zero")
                .setPathInContainer("/dev/myzero").setCgroupPermissions("rw")).build());
        assertThat(spec.linux().devices()).containsExactly(new OciSpec.Device("/dev/myzero", "c", 1, 5, 0666, 0, 0));
        assertThat(spec.linux().resources().devices()).containsExactly(
                new OciSpec.DeviceRule(false, null, null, null, "rwm"), new OciSpec.DeviceRule(true, "c", 1, 5, "rw"));
    }

    @Test
    void fillDefaults_storesDockersListsUnlessPrivileged() {
        HostConfig filled = SystemPaths.fillDefaults(HostConfig.newBuilder()).build();
        assertThat(filled.getMaskedPaths().getPathsList()).contains("/proc/kcore");
        assertThat(filled.getReadonlyPaths().getPathsList()).contains("/proc/sys");
        assertThat(SystemPaths.fillDefaults(HostConfig.newBuilder().setPrivileged(true)).hasMaskedPaths()).isFalse();
    }
}
