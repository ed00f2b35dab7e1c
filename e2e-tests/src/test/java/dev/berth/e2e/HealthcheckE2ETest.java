package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.TestImages;
import dev.berth.e2e.support.Waits;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Healthchecks through the docker CLI: run on their interval as execs in the container, their
 * state in inspect (State.Health) and in the Status column of docker ps.
 */
class HealthcheckE2ETest {

    private static final String PREFIX = "e2e-health-";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static String image;

    @BeforeAll
    static void importImage() {
        image = TestImages.busybox();
    }

    @AfterAll
    static void removeContainers() {
        docker("rm", "-f", PREFIX + "ok", PREFIX + "bad", PREFIX + "slow", PREFIX + "none", PREFIX + "starting");
    }

    private static String inspect(String name, String format) {
        return docker("inspect", "-f", format, name).stdout().trim();
    }

    private static String psStatus(String name) {
        return docker("ps", "--filter", "name=^/?" + name + "$", "--format", "{{.Status}}").stdout().trim();
    }

    @Test
    void passingCheck_becomesHealthy_inInspectAndPs() {
        CommandResult run = docker("run", "-d", "--name", PREFIX + "ok", "--health-cmd", "echo fine; true",
                "--health-interval", "200ms", image, "sleep", "60");
        assertThat(run.exitCode()).as(run.toString()).isZero();

        Waits.until("healthy", TIMEOUT, () -> inspect(PREFIX + "ok", "{{.State.Health.Status}}").equals("healthy"));

        assertThat(inspect(PREFIX + "ok", "{{.State.Health.FailingStreak}} {{(index .State.Health.Log 0).ExitCode}}"
                + " {{(index .State.Health.Log 0).Output}}")).isEqualTo("0 0 fine");
        assertThat(psStatus(PREFIX + "ok")).matches("Up .* \\(healthy\\)");
        assertThat(docker("ps", "--filter", "health=healthy", "--format", "{{.Names}}").stdout()).contains(PREFIX + "ok");
        assertThat(docker("ps", "--filter", "health=none", "--format", "{{.Names}}").stdout()).doesNotContain(PREFIX + "ok");
        assertThat(inspect(PREFIX + "ok", "{{json .Config.Healthcheck}}"))
                .isEqualTo("{\"Test\":[\"CMD-SHELL\",\"echo fine; true\"],\"Interval\":200000000}");
    }

    @Test
    void failingCheck_becomesUnhealthyAfterTheRetries() {
        CommandResult run = docker("run", "-d", "--name", PREFIX + "bad", "--health-cmd", "echo broken >&2; exit 1",
                "--health-interval", "200ms", "--health-retries", "2", image, "sleep", "60");
        assertThat(run.exitCode()).as(run.toString()).isZero();

        Waits.until("unhealthy", TIMEOUT, () -> inspect(PREFIX + "bad", "{{.State.Health.Status}}").equals("unhealthy"));

        assertThat(Integer.parseInt(inspect(PREFIX + "bad", "{{.State.Health.FailingStreak}}"))).isGreaterThanOrEqualTo(2);
        assertThat(inspect(PREFIX + "bad", "{{(index .State.Health.Log 0).ExitCode}} {{(index .State.Health.Log 0).Output}}"))
                .isEqualTo("1 broken");
        assertThat(psStatus(PREFIX + "bad")).matches("Up .* \\(unhealthy\\)");
        assertThat(docker("ps", "--filter", "health=unhealthy", "--format", "{{.Names}}").stdout()).contains(PREFIX + "bad");
    }

    @Test
    void slowCheck_timesOutAsDocker() {
        CommandResult run = docker("run", "-d", "--name", PREFIX + "slow", "--health-cmd", "sleep 5",
                "--health-interval", "200ms", "--health-timeout", "300ms", "--health-retries", "1", image, "sleep", "60");
        assertThat(run.exitCode()).as(run.toString()).isZero();

        Waits.until("unhealthy", TIMEOUT, () -> inspect(PREFIX + "slow", "{{.State.Health.Status}}").equals("unhealthy"));

        assertThat(inspect(PREFIX + "slow", "{{(index .State.Health.Log 0).ExitCode}} {{(index .State.Health.Log 0).Output}}"))
                .isEqualTo("-1 Health check exceeded timeout (300ms)");
    }

    @Test
    void beforeTheFirstProbe_isStarting_andWithoutHealthcheckHasNoHealth() {
        assertThat(docker("run", "-d", "--name", PREFIX + "starting", "--health-cmd", "true", "--health-interval", "1h",
                image, "sleep", "60").exitCode()).isZero();
        assertThat(docker("run", "-d", "--name", PREFIX + "none", image, "sleep", "60").exitCode()).isZero();

        assertThat(inspect(PREFIX + "starting", "{{json .State.Health}}"))
                .isEqualTo("{\"Status\":\"starting\",\"FailingStreak\":0,\"Log\":[]}");
        assertThat(psStatus(PREFIX + "starting")).matches("Up .* \\(health: starting\\)");
        assertThat(inspect(PREFIX + "none", "{{json .State.Health}}")).isEqualTo("null");
        assertThat(psStatus(PREFIX + "none")).matches("Up [^(]*");
    }

    @Test
    void badDuration_isRefusedInDockersWords() {
        CommandResult run = docker("run", "--rm", "--health-cmd", "true", "--health-interval", "1us", image, "true");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(125);
        assertThat(run.stderr()).contains("Interval in Healthcheck cannot be less than 1ms");
    }
}
