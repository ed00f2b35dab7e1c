package dev.berth.e2e;

import dev.berth.e2e.support.BerthHome;
import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.TestImages;
import dev.berth.e2e.support.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/** container-service holds the truth in its database: a restart of it loses nothing. */
class ServiceRestartE2ETest {

    private static final String PREFIX = "e2e-restart-";
    private static String image;

    @BeforeAll
    static void importImage() {
        image = TestImages.busybox();
    }

    @AfterAll
    static void removeContainers() {
        docker("rm", "-f", PREFIX + "running", PREFIX + "exited", PREFIX + "created");
    }

    @Test
    void restartOfContainerService_keepsEveryContainerWithItsState() {
        assertThat(docker("run", "-d", "--name", PREFIX + "running", image, "sleep", "300").exitCode()).isZero();
        assertThat(docker("run", "--name", PREFIX + "exited", image, "sh", "-c", "exit 4").exitCode()).isEqualTo(4);
        assertThat(docker("create", "--name", PREFIX + "created", image, "true").exitCode()).isZero();
        String before = states();

        BerthHome.restartService("container-service");

        assertThat(states()).isEqualTo(before)
                .contains(PREFIX + "created created 0", PREFIX + "exited exited 4", PREFIX + "running running 0");
        CommandResult stop = docker("stop", "-t", "1", PREFIX + "running");
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        Waits.until("the stopped container to show as exited", Duration.ofSeconds(20),
                () -> states().contains(PREFIX + "running exited 137"));
    }

    private static String states() {
        return docker("ps", "-a", "--filter", "name=" + PREFIX,
                "--format", "{{.Names}} {{.State}} {{.Status}}").stdout().lines()
                .map(line -> {
                    String[] parts = line.split(" ");
                    String name = parts[0];
                    String exitCode = docker("inspect", "--format", "{{.State.ExitCode}}", name).stdout().trim();
                    return name + " " + parts[1] + " " + exitCode;
                })
                .sorted()
                .reduce("", (a, b) -> a + b + "\n");
    }
}
