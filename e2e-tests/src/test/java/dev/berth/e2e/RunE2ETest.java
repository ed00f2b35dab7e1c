package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.berth.e2e.support.DockerCli.docker;
import static dev.berth.e2e.support.DockerCli.dockerWithStdin;
import static org.assertj.core.api.Assertions.assertThat;

/** `docker run` in the foreground: output, exit codes and start failures as Docker gives them. */
class RunE2ETest {

    private static String image;

    @BeforeAll
    static void importImage() {
        image = TestImages.busybox();
    }

    @Test
    void run_echo_printsExactlyItsOutput() {
        CommandResult result = docker("run", "--rm", image, "echo", "hello");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo("hello\n");
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void run_shellWithBothStreams_keepsThemApartAndPassesTheExitCode() {
        CommandResult result = docker("run", "--rm", image, "sh", "-c", "echo out; echo err >&2; exit 3");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
    }

    @Test
    void run_missingCommand_failsWithDockersMessageAnd127() {
        CommandResult result = docker("run", "--rm", image, "nosuchcmd");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(127);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).startsWith("docker: Error response from daemon: failed to create task for container: ")
                .contains("exec: \"nosuchcmd\": executable file not found in $PATH");
    }

    @Test
    void run_fileThatIsNotExecutable_failsWith126() {
        CommandResult result = docker("run", "--rm", image, "/etc/motd");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(126);
        assertThat(result.stderr()).contains("permission denied");
    }

    @Test
    void run_rmWithFailedStart_leavesNoContainer() {
        docker("run", "--rm", "--name", "e2e-failed-start", image, "nosuchcmd");

        assertThat(docker("ps", "-a", "--filter", "name=e2e-failed-start", "--format", "{{.Names}}").stdout()).isEmpty();
    }

    @Test
    void run_binaryOutput_arrivesByteExact() {
        CommandResult result = docker("run", "--rm", image, "printf", "a\\000b\\377\\001c");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdoutBytes()).containsExactly('a', 0, 'b', 0xff, 1, 'c');
    }

    @Test
    void run_interactive_passesStdinThroughAndEndsWithIt() {
        byte[] input = "line one\nline two\n".getBytes(StandardCharsets.UTF_8);

        CommandResult result = dockerWithStdin(input, "run", "--rm", "-i", image, "cat");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo("line one\nline two\n");
    }

    @Test
    void run_withEnvWorkdirAndUser_appliesThem() {
        CommandResult result = docker("run", "--rm", "-e", "GREETING=hi", "-w", "/tmp", "-u", "nobody", image,
                "sh", "-c", "echo $GREETING $(pwd) $(id -u)");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo("hi /tmp 65534\n");
    }

    @Test
    void run_networkNone_hasOnlyLoopback() {
        CommandResult result = docker("run", "--rm", "--network", "none", image, "ls", "/sys/class/net");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo("lo\n");
    }
}
