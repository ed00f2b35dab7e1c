package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/** `docker version` and `docker info` through the CLI, checked against the host itself. */
class SystemE2ETest {

    private static final String SUITE = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void oneRunningOneExited() {
        String image = TestImages.busybox();
        ok(docker("run", "-d", "--name", "sys-up-" + SUITE, image, "sleep", "300"));
        ok(docker("run", "--name", "sys-done-" + SUITE, image, "true"));
    }

    @AfterAll
    static void remove() {
        docker("rm", "-f", "sys-up-" + SUITE, "sys-done-" + SUITE);
    }

    private static CommandResult ok(CommandResult result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    /** `docker COMMAND --format TEMPLATE`; COMMAND may be two words ("system df"). */
    private static String format(String command, String template) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--format", template));
        return ok(docker(args.toArray(String[]::new))).stdout().trim();
    }

    @Test
    void version_namesBerthJavaAndTheRealRunc() throws Exception {
        String runcVersion = firstLine("/usr/sbin/runc", "--version").replace("runc version ", "");

        assertThat(format("version", "{{.Server.Version}}")).isNotEmpty().isNotEqualTo("25.0.0");
        assertThat(format("version", "{{.Server.GoVersion}}")).startsWith("java");
        assertThat(format("version", "{{.Server.GitCommit}}")).matches("[0-9a-f]{7,}");
        assertThat(format("version", "{{.Server.BuildTime}}")).doesNotContain("1970");
        assertThat(format("version", "{{range .Server.Components}}{{.Name}}={{.Version}};{{end}}"))
                .contains("runc=" + runcVersion + ";").contains("conmon=");
        assertThat(ok(docker("version")).stdout()).contains(" runc:\n  Version:          " + runcVersion);
    }

    @Test
    void info_countsMatchDockerPsByState() {
        String states = ok(docker("ps", "-a", "--format", "{{.State}}")).stdout();
        long all = states.lines().count();
        long running = states.lines().filter("running"::equals).count();
        long paused = states.lines().filter("paused"::equals).count();

        assertThat(format("info", "{{.Containers}} {{.ContainersRunning}} {{.ContainersPaused}} {{.ContainersStopped}}"))
                .isEqualTo(all + " " + running + " " + paused + " " + (all - running - paused));
        assertThat(running).isPositive();
        assertThat(all - running - paused).isPositive();
        long images = ok(docker("images", "-a", "--no-trunc", "--format", "{{.ID}}")).stdout().lines().distinct().count();
        assertThat(format("info", "{{.Images}}")).isEqualTo(Long.toString(images));
    }

    @Test
    void info_reportsTheHostAndItsCgroups() throws Exception {
        String cgroupVersion = new java.io.File("/sys/fs/cgroup/cgroup.controllers").exists() ? "2" : "1";

        assertThat(format("info", "{{.CgroupDriver}} {{.CgroupVersion}}")).isEqualTo("cgroupfs " + cgroupVersion);
        assertThat(format("info", "{{.KernelVersion}}")).isEqualTo(firstLine("uname", "-r"));
        assertThat(format("info", "{{.NCPU}}")).isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
        assertThat(format("info", "{{.RuncCommit.ID}}")).isEqualTo(
                firstLine("/usr/sbin/runc", "--version", "commit: "));
    }

    @Test
    void systemDf_countsWhatPsAndImagesList() {
        List<String> ids = ok(docker("ps", "-aq", "--no-trunc")).stdout().lines().toList();
        List<String> inspectImages = new ArrayList<>(List.of("inspect", "--format", "{{.Image}}"));
        inspectImages.addAll(ids);
        long usedImages = ok(docker(inspectImages.toArray(String[]::new))).stdout().lines().distinct().count();
        long running = ok(docker("ps", "-q")).stdout().lines().count();
        // as Docker's, df lists the images docker images does: intermediate ones of builds are the build cache
        long images = ok(docker("images", "--no-trunc", "--format", "{{.ID}}")).stdout().lines().distinct().count();

        String df = format("system df", "{{.Type}}={{.TotalCount}}/{{.Active}} {{.Size}}");

        assertThat(df).contains("Images=" + images + "/" + usedImages + " ")
                .contains("Containers=" + ids.size() + "/" + running + " ")
                .contains("Local Volumes=0/0 ").containsPattern("Build Cache=\\d+/0 ");
        assertThat(df.lines().filter(l -> l.startsWith("Images=")).findFirst().orElseThrow()).doesNotEndWith(" 0B");
    }

    /** The first line of a program's output, or the first that starts with a prefix, without it. */
    private static String firstLine(String... commandAndPrefix) throws IOException, InterruptedException {
        boolean prefixed = commandAndPrefix[commandAndPrefix.length - 1].endsWith(": ");
        String prefix = prefixed ? commandAndPrefix[commandAndPrefix.length - 1] : "";
        String[] command = prefixed ? java.util.Arrays.copyOf(commandAndPrefix, commandAndPrefix.length - 1) : commandAndPrefix;
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow()
                .substring(prefix.length()).trim();
    }
}
