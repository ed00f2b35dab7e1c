package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resource limits through the docker CLI: applied to the container's cgroup, shown in inspect, an
 * out-of-memory kill reported as Docker reports it, and options Berth does not honour yet refused.
 */
class ResourcesE2ETest {

    private static final String PREFIX = "e2e-res-";
    /** Doubles a shell string 27 times (128 MiB): bounded, so a broken limit cannot take the host's memory. */
    private static final String MEMORY_HOG = "x=a; i=0; while [ $i -lt 27 ]; do x=$x$x; i=$((i+1)); done";
    private static String image;

    @BeforeAll
    static void importImage() {
        image = TestImages.busybox();
    }

    @AfterAll
    static void removeContainers() {
        docker("rm", "-f", PREFIX + "oom", PREFIX + "limits", PREFIX + "blkio");
    }

    @Test
    void memoryLimit_outOfMemory_exits137AndInspectShowsOomKilled() {
        CommandResult run = docker("run", "--name", PREFIX + "oom", "-m", "32m", image, "sh", "-c", MEMORY_HOG);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(137);
        assertThat(docker("inspect", "-f", "{{.State.OOMKilled}} {{.State.ExitCode}} {{.HostConfig.Memory}}",
                PREFIX + "oom").stdout()).isEqualTo("true 137 33554432\n");
    }

    @Test
    void limits_reachTheCgroupAndInspect() {
        CommandResult run = docker("run", "--name", PREFIX + "limits", "--cpus", "1.5", "--cpu-shares", "512",
                "--pids-limit", "10", "-m", "64m", "--memory-reservation", "32m", "--cpuset-cpus", "0", image,
                "cat", "/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu/cpu.cfs_period_us",
                "/sys/fs/cgroup/cpu/cpu.shares", "/sys/fs/cgroup/pids/pids.max",
                "/sys/fs/cgroup/memory/memory.limit_in_bytes", "/sys/fs/cgroup/memory/memory.soft_limit_in_bytes",
                "/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes",
                "/sys/fs/cgroup/cpuset/cpuset.cpus");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEqualTo("150000\n100000\n512\n10\n67108864\n33554432\n134217728\n0\n");
        assertThat(docker("inspect", "-f", "{{.HostConfig.NanoCpus}} {{.HostConfig.CpuShares}} {{.HostConfig.PidsLimit}}"
                + " {{.HostConfig.Memory}} {{.HostConfig.MemoryReservation}} {{.HostConfig.MemorySwap}}"
                + " {{.HostConfig.CpusetCpus}}", PREFIX + "limits").stdout())
                // Swap defaults to twice the memory limit, as Docker sets it (this host accounts swap).
                .isEqualTo("1500000000 512 10 67108864 33554432 134217728 0\n");
    }

    @Test
    void noLimits_inspectShowsNone() {
        CommandResult run = docker("run", "--rm", image, "cat", "/sys/fs/cgroup/pids/pids.max");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEqualTo("max\n");
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void blkioWeight_kernelWithoutIt_warnsAndDiscardsAsDocker() {
        CommandResult create = docker("create", "--name", PREFIX + "blkio", "--blkio-weight", "300", image, "true");

        assertThat(create.exitCode()).as(create.toString()).isZero();
        assertThat(create.stderr()).contains("WARNING: Your kernel does not support Block I/O weight or the cgroup"
                + " is not mounted. Weight discarded.");
        assertThat(docker("inspect", "-f", "{{.HostConfig.BlkioWeight}}", PREFIX + "blkio").stdout()).isEqualTo("0\n");
    }

    @Test
    void memoryBelowMinimum_isRefusedWithDockersMessage() {
        CommandResult run = docker("run", "--rm", "-m", "4m", image, "true");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(125);
        assertThat(run.stderr()).contains("Error response from daemon: Minimum memory limit allowed is 6MB");
    }

    @Test
    void unhonouredOptions_areRefusedNamingThem() {
        assertRefused("--oom-kill-disable (HostConfig.OomKillDisable)", "--oom-kill-disable");
        assertRefused("--device-cgroup-rule (HostConfig.DeviceCgroupRules)", "--device-cgroup-rule", "c 1:3 rwm");
    }

    private static void assertRefused(String named, String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "run";
        args[1] = "--rm";
        System.arraycopy(options, 0, args, 2, options.length);
        args[options.length + 2] = image;
        args[options.length + 3] = "true";
        CommandResult run = docker(args);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(125);
        assertThat(run.stderr()).contains("Error response from daemon: Berth does not support " + named + " yet");
    }
}
