package dev.berth.node.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.proto.v1.ContainerConfig;
import dev.berth.proto.v1.HostConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class OciSpecFactoryTest {

    private static final String ID = "0123456789abcdef".repeat(4);

    private static Map<String, Object> build(ContainerConfig config, String networkMode) {
        return new OciSpecFactory().build(new OciSpecFactory.Inputs(ID, config,
                HostConfig.newBuilder().setNetworkMode(networkMode).build(), Path.of("/b/rootfs"),
                Path.of("/b/hostname"), Path.of("/b/hosts"), Path.of("/b/resolv.conf"),
                new UserResolver.ResolvedUser(1000, 1000), 1024, 20000));
    }

    @Test
    void build_processFromConfig() {
        ContainerConfig config = ContainerConfig.newBuilder().addEntrypoint("/bin/sh").addCmd("-c").addCmd("echo hi")
                .addEnv("FOO=bar").setWorkingDir("/work").build();
        Map<String, Object> spec = build(config, "default");
        assertThat(spec.get("ociVersion")).isEqualTo("1.0.2");
        Map<String, Object> process = (Map<String, Object>) spec.get("process");
        assertThat(process.get("args")).isEqualTo(List.of("/bin/sh", "-c", "echo hi"));
        assertThat(process.get("cwd")).isEqualTo("/work");
        assertThat(process.get("terminal")).isEqualTo(false);
        assertThat(process.get("user")).isEqualTo(Map.of("uid", 1000, "gid", 1000));
        assertThat((List<String>) process.get("env")).containsExactly(OciSpecFactory.DEFAULT_PATH, "HOSTNAME=0123456789ab", "FOO=bar");
        assertThat(process.get("noNewPrivileges")).isEqualTo(false);
        assertThat(process).doesNotContainKey("oomScoreAdj");
        Map<String, Object> caps = (Map<String, Object>) process.get("capabilities");
        assertThat((List<String>) caps.get("bounding")).hasSize(14).contains("CAP_CHOWN", "CAP_AUDIT_WRITE");
        assertThat(caps).doesNotContainKey("ambient");
        assertThat(process.get("rlimits")).isEqualTo(List.of(Map.of("type", "RLIMIT_NOFILE", "hard", 20000L, "soft", 1024L)));
        assertThat(spec.get("hostname")).isEqualTo("0123456789ab");
        assertThat(spec.get("root")).isEqualTo(Map.of("path", "/b/rootfs", "readonly", false));
    }

    @Test
    void build_tty_addsTermAndDefaultCwd() {
        Map<String, Object> spec = build(ContainerConfig.newBuilder().addCmd("sh").setTty(true).setHostname("box").build(), "");
        Map<String, Object> process = (Map<String, Object>) spec.get("process");
        assertThat(process.get("terminal")).isEqualTo(true);
        assertThat(process.get("cwd")).isEqualTo("/");
        assertThat((List<String>) process.get("env")).contains("TERM=xterm", "HOSTNAME=box");
        assertThat(spec.get("hostname")).isEqualTo("box");
    }

    @Test
    void build_mountsAsDocker() {
        Map<String, Object> spec = build(ContainerConfig.newBuilder().addCmd("true").build(), "bridge");
        List<Map<String, Object>> mounts = (List<Map<String, Object>>) spec.get("mounts");
        assertThat(mounts).extracting(m -> m.get("destination")).containsExactly("/proc", "/dev", "/dev/pts", "/sys",
                "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm", "/etc/resolv.conf", "/etc/hostname", "/etc/hosts");
        assertThat(mounts.get(1).get("options")).isEqualTo(List.of("nosuid", "strictatime", "mode=755", "size=65536k"));
        assertThat(mounts.get(9).get("source")).isEqualTo("/b/hosts");
    }

    @Test
    void build_networkNamespaceUnlessHost() {
        List<Map<String, Object>> isolated = namespaces(build(ContainerConfig.newBuilder().addCmd("true").build(), "none"));
        assertThat(isolated).extracting(n -> n.get("type")).contains("network", "pid", "mount", "ipc", "uts");
        List<Map<String, Object>> host = namespaces(build(ContainerConfig.newBuilder().addCmd("true").build(), "host"));
        assertThat(host).extracting(n -> n.get("type")).doesNotContain("network").contains("pid");
    }

    @Test
    void build_linuxDefaults() {
        Map<String, Object> linux = (Map<String, Object>) build(ContainerConfig.newBuilder().addCmd("true").build(), "").get("linux");
        assertThat(linux.get("cgroupsPath")).isEqualTo("/berth/" + ID);
        assertThat((List<String>) linux.get("maskedPaths")).contains("/proc/kcore", "/sys/firmware");
        assertThat((List<String>) linux.get("readonlyPaths")).contains("/proc/sys", "/proc/sysrq-trigger");
    }

    @Test
    void args_empty_isInvalid() {
        assertThatThrownBy(() -> OciSpecFactory.args(ContainerConfig.getDefaultInstance())).hasMessage("No command specified");
    }

    private static List<Map<String, Object>> namespaces(Map<String, Object> spec) {
        return (List<Map<String, Object>>) ((Map<String, Object>) spec.get("linux")).get("namespaces");
    }
}
