package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Docker's security defaults through the docker CLI: the default capability set, --cap-add and
 * --cap-drop, --privileged (the host's bounding set, no seccomp, no masked paths, host devices),
 * the default seccomp profile and seccomp=unconfined or a profile file, no-new-privileges, masked
 * kernel files, and --device.
 */
class SecurityE2ETest {

    private static final String PREFIX = "e2e-sec-";
    /** CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP NET_BIND_SERVICE NET_RAW SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP. */
    private static final String DOCKER_DEFAULT_CAPS = "00000000a80425fb";
    private static String image;

    @BeforeAll
    static void importImage() {
        image = TestImages.busybox();
    }

    @AfterAll
    static void removeContainers() {
        docker("rm", "-f", PREFIX + "inspect");
    }

    private static String status(String field, String... runOptions) {
        String[] args = new String[runOptions.length + 6];
        args[0] = "run";
        args[1] = "--rm";
        System.arraycopy(runOptions, 0, args, 2, runOptions.length);
        args[runOptions.length + 2] = image;
        args[runOptions.length + 3] = "grep";
        args[runOptions.length + 4] = "^" + field + ":";
        args[runOptions.length + 5] = "/proc/self/status";
        CommandResult run = docker(args);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run.stdout().substring(run.stdout().indexOf(':') + 1).trim();
    }

    private static String hostStatus(String field) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith(field + ":"))
                .map(l -> l.substring(field.length() + 1).trim()).findFirst().orElseThrow();
    }

    @Test
    void defaults_capabilitiesAreDockersSet_withSeccompFilter() {
        assertThat(status("CapEff")).isEqualTo(DOCKER_DEFAULT_CAPS);
        assertThat(status("CapBnd")).isEqualTo(DOCKER_DEFAULT_CAPS);
        assertThat(status("CapInh")).isEqualTo("0000000000000000");
        assertThat(status("Seccomp")).isEqualTo("2");
        assertThat(status("NoNewPrivs")).isEqualTo("0");
    }

    @Test
    void capDropAndCapAdd_changeTheSet() {
        // Drop CHOWN (bit 0), add NET_ADMIN (bit 12), in both spellings.
        assertThat(status("CapEff", "--cap-drop", "chown", "--cap-add", "CAP_NET_ADMIN")).isEqualTo("00000000a80435fa");
        assertThat(status("CapEff", "--cap-drop", "ALL", "--cap-add", "KILL")).isEqualTo("0000000000000020");
    }

    @Test
    void capAddAll_isTheHostsBoundingSet() throws IOException {
        assertThat(status("CapEff", "--cap-add", "ALL")).isEqualTo(hostStatus("CapBnd"));
    }

    @Test
    void systemPathsUnconfined_masksNothing() {
        // The CLI turns this option into empty MaskedPaths and ReadonlyPaths.
        CommandResult run = docker("run", "--rm", "--security-opt", "systempaths=unconfined", image, "sh", "-c",
                "head -n 1 /proc/timer_list; grep ' /proc/sys ' /proc/self/mounts | wc -l");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).startsWith("Timer List Version").endsWith("\n0\n");
    }

    @Test
    void writableCgroups_makesOnlyTheCgroupMountWritable() {
        String memory = " /sys/fs/cgroup/memory cgroup ";
        CommandResult plain = docker("run", "--rm", image, "grep", memory, "/proc/self/mounts");
        assertThat(plain.stdout()).contains(memory + "ro,");
        CommandResult writable = docker("run", "--rm", "--security-opt", "writable-cgroups=true", image, "sh", "-c",
                "grep '" + memory + "' /proc/self/mounts; grep ' /sys sysfs ' /proc/self/mounts");
        assertThat(writable.exitCode()).as(writable.toString()).isZero();
        assertThat(writable.stdout()).contains(memory + "rw,").contains(" /sys sysfs ro,");
    }

    @Test
    void info_namesTheSeccompProfile() {
        assertThat(docker("info", "--format", "{{json .SecurityOptions}}").stdout())
                .isEqualTo("[\"name=seccomp,profile=builtin\"]\n");
    }

    @Test
    void privileged_hasTheHostsBoundingSet_noSeccomp_noMaskedPaths_hostDevices() throws IOException {
        assertThat(status("CapEff", "--privileged")).isEqualTo(hostStatus("CapBnd"));
        assertThat(status("Seccomp", "--privileged")).isEqualTo("0");
        CommandResult run = docker("run", "--rm", "--privileged", image, "sh", "-c",
                "head -n 1 /proc/timer_list; ls /sys/firmware; ls /dev/kmsg");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        // The kernel's files, not the empty ones bound over them; a host device.
        assertThat(run.stdout()).startsWith("Timer List Version").contains("acpi").contains("/dev/kmsg");
    }

    @Test
    void defaultSeccomp_refusesUnshare_unconfinedAllowsIt() {
        // Docker's profile allows unshare(2) only with CAP_SYS_ADMIN; a new user namespace needs no
        // capability, so without the filter it succeeds.
        CommandResult filtered = docker("run", "--rm", image, "unshare", "-U", "true");
        assertThat(filtered.exitCode()).as(filtered.toString()).isNotZero();
        assertThat(filtered.stderr()).contains("Operation not permitted");
        assertThat(status("Seccomp", "--security-opt", "seccomp=unconfined")).isEqualTo("0");
        CommandResult unconfined = docker("run", "--rm", "--security-opt", "seccomp=unconfined", image,
                "unshare", "-U", "true");
        assertThat(unconfined.exitCode()).as(unconfined.toString()).isZero();
    }

    @Test
    void seccompProfileFile_isApplied() throws IOException {
        Path profile = Files.createTempFile("berth-seccomp", ".json");
        // Everything allowed except mkdir and mkdirat, which fail with EACCES (13).
        Files.writeString(profile, """
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86"]}],
                 "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13}]}
                """);
        try {
            CommandResult run = docker("run", "--rm", "--security-opt", "seccomp=" + profile, image, "mkdir", "/x");
            assertThat(run.exitCode()).as(run.toString()).isNotZero();
            assertThat(run.stderr()).contains("Permission denied");
        } finally {
            Files.delete(profile);
        }
    }

    @Test
    void noNewPrivileges_isSet() {
        assertThat(status("NoNewPrivs", "--security-opt", "no-new-privileges")).isEqualTo("1");
        assertThat(status("NoNewPrivs", "--security-opt", "no-new-privileges:true")).isEqualTo("1");
    }

    @Test
    void kernelFiles_areMasked_procSysReadOnly() {
        // This host's kernel has no /proc/kcore; /proc/timer_list and /sys/firmware are masked alike.
        CommandResult run = docker("run", "--rm", image, "sh", "-c",
                "wc -c < /proc/timer_list; ls /sys/firmware | wc -l; grep -c ' /proc/sys proc ro,' /proc/self/mounts;"
                        + " echo 1 > /proc/sys/kernel/domainname && echo written");
        assertThat(run.stdout()).isEqualTo("0\n0\n1\n");
        assertThat(run.stderr()).contains("Read-only file system");
    }

    @Test
    void device_isCreatedAndAllowed() {
        CommandResult run = docker("run", "--rm", "--device", "/dev/null:/dev/mynull", image, "sh", "-c",
                "echo x > /dev/mynull && ls -l /dev/mynull");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).startsWith("crw-rw-rw-").contains("1,   3");
    }

    @Test
    void inspect_showsWhatWasSet() {
        CommandResult create = docker("create", "--name", PREFIX + "inspect", "--cap-add", "NET_ADMIN", "--cap-drop",
                "MKNOD", "--security-opt", "no-new-privileges", "--device", "/dev/null:/dev/mynull", image, "true");
        assertThat(create.exitCode()).as(create.toString()).isZero();
        assertThat(docker("inspect", "-f", "{{.HostConfig.CapAdd}} {{.HostConfig.CapDrop}} {{.HostConfig.Privileged}}"
                + " {{.HostConfig.SecurityOpt}} {{json .HostConfig.Devices}}", PREFIX + "inspect").stdout())
                // The CLI sends the names CAP_-prefixed; Docker shows them as sent.
                .isEqualTo("[CAP_NET_ADMIN] [CAP_MKNOD] false [no-new-privileges]"
                        + " [{\"PathOnHost\":\"/dev/null\",\"PathInContainer\":\"/dev/mynull\",\"CgroupPermissions\":\"rwm\"}]\n");
        assertThat(docker("inspect", "-f", "{{json .HostConfig.MaskedPaths}}", PREFIX + "inspect").stdout())
                .contains("\"/proc/kcore\"");
    }

    @Test
    void badOptions_areRefusedInDockersWords() {
        CommandResult unknown = docker("run", "--rm", "--cap-add", "FOO", image, "true");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.stderr()).contains("invalid CapAdd: unknown capability: \"CAP_FOO\"");
        CommandResult opt = docker("run", "--rm", "--security-opt", "bogus=1", image, "true");
        assertThat(opt.exitCode()).isNotZero();
        assertThat(opt.stderr()).contains("invalid --security-opt 2: \"bogus=1\"");
        CommandResult device = docker("run", "--rm", "--device", "/dev/berth-none", image, "true");
        assertThat(device.exitCode()).isNotZero();
        assertThat(device.stderr()).contains("error gathering device information while adding custom device"
                + " \"/dev/berth-none\": no such file or directory");
    }
}
