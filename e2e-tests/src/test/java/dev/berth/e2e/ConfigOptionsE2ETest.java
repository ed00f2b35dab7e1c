package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.EngineApi;
import dev.berth.e2e.support.TestImages;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container options that shape its process and filesystem, through the docker CLI: each one
 * seen from inside the container as Docker users check it, and shown by inspect.
 */
class ConfigOptionsE2ETest {

    private static final String PREFIX = "e2e-cfg-";
    private static String image;

    @BeforeAll
    static void importImage() {
        image = TestImages.busybox();
    }

    @AfterAll
    static void removeContainers() {
        docker("rm", "-f", PREFIX + "all", PREFIX + "plain", PREFIX + "groups");
    }

    @Test
    void user_numericPair_isTheProcessesIds() {
        CommandResult run = docker("run", "--rm", "--user", "1000:1000", image, "sh", "-c", "id -u; id -g");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEqualTo("1000\n1000\n");
    }

    /** The primary group is a supplementary group too, as Docker (20.10.24 and later) sets it up. */
    @Test
    void user_groups_asDockerShowsThem() {
        assertThat(docker("run", "--rm", image, "id").stdout()).isEqualTo("uid=0(root) gid=0(root) groups=0(root)\n");
        assertThat(docker("run", "--rm", "--user", "1000:1000", image, "id").stdout())
                .isEqualTo("uid=1000 gid=1000 groups=1000\n");
        assertThat(docker("run", "-d", "--name", PREFIX + "groups", "--group-add", "4242", image, "sleep", "30")
                .exitCode()).isZero();
        CommandResult exec = docker("exec", "-u", "daemon", PREFIX + "groups", "id");
        assertThat(exec.stdout()).as(exec.toString()).isEqualTo("uid=1(daemon) gid=1(daemon) groups=1(daemon),4242\n");
    }

    @Test
    void groupAdd_namesFromTheImageAndNumbers_areSupplementaryGroups() {
        CommandResult run = docker("run", "--rm", "--group-add", "daemon", "--group-add", "4242", image, "id", "-G");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEqualTo("0 1 4242\n");
    }

    @Test
    void groupAdd_unknownName_isRefused() {
        CommandResult run = docker("run", "--rm", "--group-add", "wheel", image, "true");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(125);
        assertThat(run.stderr()).contains("Unable to find group wheel: no matching entries in group file");
    }

    @Test
    void init_makesTiniPid1_runningTheCommand() {
        CommandResult run = docker("run", "--rm", "--init", image, "sh", "-c",
                "cat /proc/1/comm; /proc/1/exe --version; cat /proc/1/cmdline | tr '\\0' ' '");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).startsWith("docker-init\ntini version 0.19.0")
                .endsWith("/sbin/docker-init -- sh -c cat /proc/1/comm; /proc/1/exe --version; cat /proc/1/cmdline | tr '\\0' ' ' ");
        CommandResult plain = docker("run", "--rm", image, "cat", "/proc/1/comm");
        assertThat(plain.stdout()).isEqualTo("cat\n");
    }

    @Test
    void ulimit_nofile_isTheShellsLimit() {
        CommandResult run = docker("run", "--rm", "--ulimit", "nofile=1024:2048", image, "sh", "-c", "ulimit -n; ulimit -Hn");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEqualTo("1024\n2048\n");
    }

    @Test
    void sysctl_namespaced_readsBack() {
        CommandResult run = docker("run", "--rm", "--sysctl", "kernel.shmmax=1048576", "--sysctl", "net.ipv4.ip_forward=1",
                image, "cat", "/proc/sys/kernel/shmmax", "/proc/sys/net/ipv4/ip_forward");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEqualTo("1048576\n1\n");
    }

    @Test
    void sysctl_notNamespaced_isRefusedByTheCli() {
        CommandResult run = docker("run", "--rm", "--sysctl", "kernel.panic=1", image, "true");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(125);
        assertThat(run.stderr()).contains("sysctl 'kernel.panic=1' is not allowed");
    }

    @Test
    void sysctl_netWithHostNetwork_isRefusedInDockersWords() {
        CommandResult run = docker("run", "--rm", "--network", "host", "--sysctl", "net.ipv4.ip_forward=1", image, "true");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(125);
        assertThat(run.stderr()).contains("Error response from daemon: sysctl \"net.ipv4.ip_forward\" not allowed in host network namespace");
    }

    @Test
    void sysctl_notNamespaced_throughTheApi_is400InRuncsWords() {
        HttpResponse<String> created = EngineApi.post("/v1.44/containers/create",
                "{\"Image\":\"" + image + "\",\"Cmd\":[\"true\"],\"HostConfig\":{\"Sysctls\":{\"kernel.panic\":\"1\"}}}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(400);
        assertThat(EngineApi.json(created).path("message").asString())
                .isEqualTo("sysctl \"kernel.panic\" is not in a separate kernel namespace");
    }

    @Test
    void shmSize_isTheSizeOfDevShm() {
        CommandResult run = docker("run", "--rm", "--shm-size", "16m", image, "df", "-k", "/dev/shm");
        CommandResult standard = docker("run", "--rm", image, "df", "-k", "/dev/shm");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).containsPattern("shm\\s+16384\\s");
        assertThat(standard.stdout()).containsPattern("shm\\s+65536\\s");
    }

    @Test
    void readOnly_refusesWritesToTheRoot_whileATmpfsIsWritable() {
        CommandResult run = docker("run", "--rm", "--read-only", "--tmpfs", "/tmp", image, "sh", "-c",
                "touch /x; echo root=$?; touch /tmp/y && echo tmp=$?; grep ' /tmp ' /proc/mounts");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).contains("touch: /x: Read-only file system");
        assertThat(run.stdout()).startsWith("root=1\ntmp=0\ntmpfs /tmp tmpfs rw,nosuid,nodev,noexec");
    }

    @Test
    void domainname_isTheKernelsDomainname() {
        CommandResult run = docker("run", "--rm", "--domainname", "example.org", image, "cat", "/proc/sys/kernel/domainname");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEqualTo("example.org\n");
    }

    @Test
    void inspect_showsWhatWasSet() {
        CommandResult create = docker("create", "--name", PREFIX + "all", "--init", "--ulimit", "nofile=100:200",
                "--sysctl", "kernel.shmmax=1048576", "--shm-size", "16m", "--read-only", "--tmpfs", "/run:size=1m",
                "--group-add", "daemon", "--domainname", "example.org", image, "true");
        assertThat(create.exitCode()).as(create.toString()).isZero();

        CommandResult inspect = docker("inspect", "-f", "{{.HostConfig.Init}} {{json .HostConfig.Ulimits}}"
                + " {{json .HostConfig.Sysctls}} {{.HostConfig.ShmSize}} {{.HostConfig.ReadonlyRootfs}}"
                + " {{json .HostConfig.Tmpfs}} {{json .HostConfig.GroupAdd}} {{.Config.Domainname}}", PREFIX + "all");

        assertThat(inspect.stdout()).isEqualTo("true [{\"Name\":\"nofile\",\"Hard\":200,\"Soft\":100}]"
                + " {\"kernel.shmmax\":\"1048576\"} 16777216 true {\"/run\":\"size=1m\"} [\"daemon\"] example.org\n");
        assertThat(docker("create", "--name", PREFIX + "plain", image, "true").exitCode()).isZero();
        assertThat(docker("inspect", "-f", "{{.HostConfig.ShmSize}} {{.HostConfig.ReadonlyRootfs}}"
                + " {{json .HostConfig.GroupAdd}} {{json .HostConfig.Init}}", PREFIX + "plain").stdout())
                .isEqualTo("67108864 false null null\n");
    }
}
