package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/** create, start -a, restart, kill: the lifecycle commands around run. */
class LifecycleE2ETest {

    private static final String PREFIX = "e2e-life-";
    private static String image;

    @BeforeAll
    static void importImage() {
        image = TestImages.busybox();
    }

    @AfterAll
    static void removeContainers() {
        docker("rm", "-f", PREFIX + "once", PREFIX + "sleeper");
    }

    @Test
    void createThenStartAttached_runsAndCanRunAgain() {
        assertThat(docker("create", "--name", PREFIX + "once", image, "sh", "-c", "echo started; exit 2").exitCode()).isZero();
        assertThat(docker("ps", "-a", "--filter", "name=" + PREFIX + "once", "--format", "{{.Status}}").stdout()).isEqualTo("Created\n");

        CommandResult first = docker("start", "-a", PREFIX + "once");
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(2);
        assertThat(first.stdout()).isEqualTo("started\n");

        CommandResult second = docker("start", "-a", PREFIX + "once");
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(2);
        assertThat(docker("logs", PREFIX + "once").stdout()).isEqualTo("started\nstarted\n");
        assertThat(docker("ps", "-a", "--filter", "status=exited", "--format", "{{.Names}}").stdout()).contains(PREFIX + "once");
    }

    @Test
    void killAndRestart_changeTheStateAsDockerDoes() {
        assertThat(docker("run", "-d", "--name", PREFIX + "sleeper", image, "sleep", "300").exitCode()).isZero();

        CommandResult kill = docker("kill", PREFIX + "sleeper");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", PREFIX + "sleeper").stdout())
                .isEqualTo("exited 137\n");

        CommandResult again = docker("kill", PREFIX + "sleeper");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).startsWith("Error response from daemon: Cannot kill container: " + PREFIX + "sleeper: Container ")
                .contains("is not running");

        CommandResult restart = docker("restart", PREFIX + "sleeper");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(docker("inspect", "-f", "{{.State.Status}} {{.State.Running}}", PREFIX + "sleeper").stdout())
                .isEqualTo("running true\n");
    }
}
