package dev.berth.node.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.node.spec.security.HostCapabilities;
import dev.berth.node.spec.security.seccomp.KernelVersion;
import dev.berth.node.spec.security.seccomp.SeccompCompiler;
import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.HostConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OciSpecFactoryTest {

    private static final String ID = "0123456789abcdef".repeat(4);
    /** A node like this one: every capability to 40 but CAP_SYS_RESOURCE, x86-64. */
    private static final HostCapabilities NODE_CAPS = HostCapabilities.ofMask(0x1fffeffffffL);
    private static final SeccompCompiler.Target NODE = new SeccompCompiler.Target("amd64", new KernelVersion(6, 1));

    private static OciSpecFactory.Inputs inputs(ContainerConfig config, String networkMode) {
        return new OciSpecFactory.Inputs(ID, config, HostConfig.newBuilder().setNetworkMode(networkMode).build(),
                Path.of("/b/rootfs"), Path.of("/b/hostname"), Path.of("/b/hosts"), Path.of("/b/resolv.conf"),
                new UserResolver.ResolvedUser(1000, 1000), 1024, 20000);
    }

    private static OciSpec build(ContainerConfig config, String networkMode) {
        return new OciSpecFactory(NODE_CAPS, NODE).build(inputs(config, networkMode));
    }

    @Test
    void build_processFromConfig() {
        ContainerConfig config = ContainerConfig.newBuilder().addEntrypoint("/bin/sh").addCmd("-c").addCmd("echo hi")
                .addEnv("FOO=bar").setWorkingDir("/work").build();
        OciSpec spec = build(config, "default");
        assertThat(spec.ociVersion()).isEqualTo("1.0.2");
        OciSpec.Process process = spec.process();
        assertThat(process.args()).containsExactly("/bin/sh", "-c", "echo hi");
        assertThat(process.cwd()).isEqualTo("/work");
        assertThat(process.terminal()).isFalse();
        assertThat(process.user()).isEqualTo(new OciSpec.User(1000, 1000, null));
        assertThat(process.env()).containsExactly(OciSpecFactory.DEFAULT_PATH, "HOSTNAME=0123456789ab", "FOO=bar");
        assertThat(process.noNewPrivileges()).isFalse();
        assertThat(process.capabilities().bounding()).hasSize(14).contains("CAP_CHOWN", "CAP_AUDIT_WRITE");
        assertThat(process.capabilities().effective()).isEqualTo(process.capabilities().bounding());
        assertThat(process.capabilities().ambient()).isNull();
        assertThat(process.rlimits()).containsExactly(new OciSpec.Rlimit("RLIMIT_NOFILE", 20000, 1024));
        assertThat(spec.hostname()).isEqualTo("0123456789ab");
        assertThat(spec.root()).isEqualTo(new OciSpec.Root("/b/rootfs", false));
    }

    @Test
    void build_tty_addsTermAndDefaultCwd() {
        OciSpec spec = build(ContainerConfig.newBuilder().addCmd("sh").setTty(true).setHostname("box").build(), "");
        assertThat(spec.process().terminal()).isTrue();
        assertThat(spec.process().cwd()).isEqualTo("/");
        assertThat(spec.process().env()).contains("TERM=xterm", "HOSTNAME=box");
        assertThat(spec.hostname()).isEqualTo("box");
    }

    @Test
    void build_mountsAsDocker() {
        List<OciSpec.Mount> mounts = build(ContainerConfig.newBuilder().addCmd("true").build(), "bridge").mounts();
        assertThat(mounts).extracting(OciSpec.Mount::destination).containsExactly("/proc", "/dev", "/dev/pts", "/sys",
                "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm", "/etc/resolv.conf", "/etc/hostname", "/etc/hosts");
        assertThat(mounts.get(1).options()).containsExactly("nosuid", "strictatime", "mode=755", "size=65536k");
        assertThat(mounts.get(9).source()).isEqualTo("/b/hosts");
    }

    @Test
    void build_networkNamespaceUnlessHost() {
        assertThat(build(ContainerConfig.newBuilder().addCmd("true").build(), "none").linux().namespaces())
                .extracting(OciSpec.Namespace::type).contains("network", "pid", "mount", "ipc", "uts");
        assertThat(build(ContainerConfig.newBuilder().addCmd("true").build(), "host").linux().namespaces())
                .extracting(OciSpec.Namespace::type).doesNotContain("network").contains("pid");
    }

    @Test
    void build_joinsTheNetworkNamespaceTheNodeMade() {
        OciSpecFactory.Inputs in = new OciSpecFactory.Inputs(ID, ContainerConfig.newBuilder().addCmd("true").build(),
                HostConfig.getDefaultInstance(), Path.of("/b/rootfs"), Path.of("/b/hostname"), Path.of("/b/hosts"),
                Path.of("/b/resolv.conf"), new UserResolver.ResolvedUser(0, 0), 1024, 20000, null, Path.of("/run/netns/x"));

        assertThat(new OciSpecFactory().build(in).linux().namespaces())
                .contains(new OciSpec.Namespace("network", "/run/netns/x"));
    }

    @Test
    void build_linuxDefaults() {
        OciSpec.Linux linux = build(ContainerConfig.newBuilder().addCmd("true").build(), "").linux();
        assertThat(linux.cgroupsPath()).isEqualTo("/berth/" + ID);
        assertThat(linux.maskedPaths()).contains("/proc/kcore", "/sys/firmware");
        assertThat(linux.readonlyPaths()).contains("/proc/sys", "/proc/sysrq-trigger");
        assertThat(linux.resources().devices().get(0)).isEqualTo(new OciSpec.DeviceRule(false, null, null, null, "rwm"));
        assertThat(linux.resources().devices()).contains(new OciSpec.DeviceRule(true, "c", 136, null, "rwm"));
    }

    @Test
    void build_aFeaturesOption_changesOnlyWhatItContributes() {
        List<SpecOption> options = new ArrayList<>(OciSpecFactory.options(
                inputs(ContainerConfig.newBuilder().addCmd("true").build(), ""), NODE_CAPS, NODE));
        options.add(spec -> spec
                .mount(new OciSpec.Mount("/dev/shm", "tmpfs", "shm", List.of("size=1g")))
                .mount(new OciSpec.Mount("/data", "bind", "/volumes/data", List.of("rbind")))
                .capabilities(OciSpec.Capabilities.of(List.of("CAP_KILL"))));

        OciSpec spec = OciSpecFactory.build(options);

        assertThat(spec.mounts()).filteredOn(m -> m.destination().equals("/dev/shm"))
                .singleElement().satisfies(m -> assertThat(m.options()).containsExactly("size=1g"));
        assertThat(spec.mounts()).last().isEqualTo(new OciSpec.Mount("/data", "bind", "/volumes/data", List.of("rbind")));
        assertThat(spec.process().capabilities().bounding()).containsExactly("CAP_KILL");
        assertThat(spec.process().args()).containsExactly("true");
    }

    @Test
    void json_hasRuncsFieldNames_andLeavesAbsentFieldsOut() {
        OciSpec spec = build(ContainerConfig.newBuilder().addCmd("true").build(), "");

        JsonNode json = JsonMapper.builder().build().valueToTree(spec);

        assertThat(json.path("ociVersion").asString()).isEqualTo("1.0.2");
        assertThat(json.path("root").path("path").asString()).isEqualTo("/b/rootfs");
        assertThat(json.path("process").path("user").path("uid").asInt()).isEqualTo(1000);
        assertThat(json.path("process").path("user").has("additionalGids")).isFalse();
        assertThat(json.path("process").path("capabilities").has("ambient")).isFalse();
        assertThat(json.path("process").path("rlimits").get(0).path("type").asString()).isEqualTo("RLIMIT_NOFILE");
        JsonNode denyAll = json.path("linux").path("resources").path("devices").get(0);
        assertThat(denyAll.has("major")).isFalse();
        assertThat(denyAll.path("allow").asBoolean()).isFalse();
        assertThat(json.path("linux").path("namespaces").get(0).path("type").asString()).isEqualTo("pid");
    }

    @Test
    void args_empty_isInvalid() {
        assertThatThrownBy(() -> OciSpecFactory.args(ContainerConfig.getDefaultInstance())).hasMessage("No command specified");
    }

    @Test
    void build_configOptions_eachShowsInTheSpec() {
        HostConfig host = HostConfig.newBuilder().setReadonlyRootfs(true).setShmSize(16777216)
                .putTmpfs("/tmp", "size=1m").putSysctls("kernel.shmmax", "1048576")
                .addUlimits(dev.berth.proto.v1.Ulimit.newBuilder().setName("nofile").setSoft(100).setHard(200)).build();
        ContainerConfig config = ContainerConfig.newBuilder().addCmd("true").setDomainname("example.org").build();
        OciSpecFactory.Inputs in = new OciSpecFactory.Inputs(ID, config, host, Path.of("/b/rootfs"), Path.of("/b/hostname"),
                Path.of("/b/hosts"), Path.of("/b/resolv.conf"), new UserResolver.ResolvedUser(0, 0, List.of(10, 44)), 1024, 20000);

        OciSpec spec = new OciSpecFactory().build(in);

        assertThat(spec.domainname()).isEqualTo("example.org");
        assertThat(spec.root().readonly()).isTrue();
        assertThat(spec.process().user()).isEqualTo(new OciSpec.User(0, 0, List.of(10, 44)));
        assertThat(spec.process().rlimits()).containsExactly(new OciSpec.Rlimit("RLIMIT_NOFILE", 200, 100));
        assertThat(spec.linux().sysctl()).containsEntry("kernel.shmmax", "1048576")
                .containsEntry("kernel.domainname", "example.org");
        assertThat(spec.mounts()).filteredOn(m -> m.destination().equals("/dev/shm")).singleElement()
                .satisfies(m -> assertThat(m.options()).contains("size=16777216"));
        assertThat(spec.mounts()).filteredOn(m -> m.destination().startsWith("/etc/"))
                .allSatisfy(m -> assertThat(m.options()).contains("ro"));
        assertThat(spec.mounts()).last().isEqualTo(new OciSpec.Mount("/tmp", "tmpfs", "tmpfs",
                List.of("noexec", "nosuid", "nodev", "rprivate", "size=1m")));
    }

    @Test
    void build_withoutOptions_hasNoDomainnameAndDefaultShm() {
        OciSpec spec = build(ContainerConfig.newBuilder().addCmd("true").build(), "");
        assertThat(spec.domainname()).isNull();
        assertThat(spec.root().readonly()).isFalse();
        assertThat(spec.mounts()).filteredOn(m -> m.destination().equals("/dev/shm")).singleElement()
                .satisfies(m -> assertThat(m.options()).contains("size=67108864"));
        assertThat(spec.mounts()).filteredOn(m -> m.destination().startsWith("/etc/"))
                .allSatisfy(m -> assertThat(m.options()).doesNotContain("ro"));
    }

    @Test
    void build_init_wrapsTheWholeCommand() throws java.io.IOException {
        Path tini = java.nio.file.Files.createTempFile("tini", "");
        tini.toFile().setExecutable(true);
        try {
            ContainerConfig config = ContainerConfig.newBuilder().addEntrypoint("/bin/sh").addCmd("-c").addCmd("x").build();
            OciSpecFactory.Inputs in = new OciSpecFactory.Inputs(ID, config, HostConfig.newBuilder().setInit(true).build(),
                    Path.of("/b/rootfs"), Path.of("/b/hostname"), Path.of("/b/hosts"), Path.of("/b/resolv.conf"),
                    new UserResolver.ResolvedUser(0, 0), 1024, 20000, tini, null);

            OciSpec spec = new OciSpecFactory().build(in);

            assertThat(spec.process().args()).containsExactly("/sbin/docker-init", "--", "/bin/sh", "-c", "x");
        } finally {
            java.nio.file.Files.delete(tini);
        }
    }
}
