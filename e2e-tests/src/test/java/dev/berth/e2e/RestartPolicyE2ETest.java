package dev.berth.e2e;

import dev.berth.e2e.support.BerthHome;
import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.Commands;
import dev.berth.e2e.support.EngineApi;
import dev.berth.e2e.support.TestImages;
import dev.berth.e2e.support.Waits;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/** `--restart` policies through the real CLI: counts, back-off, stop and kill, a node-agent crash. */
class RestartPolicyE2ETest {

    private static final String NAME = "e2e-restart";
    private static final Duration RESTARTS = Duration.ofSeconds(30);
    /** Exits 7 on SIGHUP; runs until then. */
    private static final String EXIT_ON_HUP = "trap 'exit 7' HUP; while true; do sleep 0.1; done";
    private static String image;

    @BeforeAll
    static void importImage() {
        image = TestImages.busybox();
    }

    @AfterEach
    void removeContainer() {
        docker("rm", "-f", NAME);
    }

    private static String inspect(String format) {
        CommandResult result = docker("inspect", "--format", format, NAME);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.stdout().trim();
    }

    @Test
    void onFailure_restartsUpToItsMaximum() {
        CommandResult run = docker("run", "--name", NAME, "--restart", "on-failure:2", image, "false");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        Waits.until("two restarts, then exited", RESTARTS,
                () -> inspect("{{.State.Status}} {{.RestartCount}}").equals("exited 2"));
        assertThat(inspect("{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}} {{.State.ExitCode}}"))
                .isEqualTo("on-failure:2 1");
    }

    @Test
    void onFailure_doesNotRestartASuccess() {
        CommandResult run = docker("run", "--name", NAME, "--restart", "on-failure", image, "true");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(inspect("{{.State.Status}} {{.RestartCount}}")).isEqualTo("exited 0");
    }

    @Test
    void always_restartsUntilStopped_andAStartResetsTheCount() {
        // Its rootfs outlives each run: the third run stays up.
        String thirdRunStays = "n=$(cat /runs 2>/dev/null || echo 0); n=$((n+1)); echo $n > /runs; "
                + "[ $n -ge 3 ] && exec sleep 600; exit 3";
        CommandResult run = docker("run", "-d", "--name", NAME, "--restart", "always", image, "sh", "-c", thirdRunStays);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        Waits.until("running after two restarts", RESTARTS,
                () -> inspect("{{.State.Status}} {{.RestartCount}}").equals("running 2"));
        CommandResult stop = docker("stop", "-t", "1", NAME);
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(inspect("{{.State.Status}} {{.RestartCount}}")).isEqualTo("exited 2");
        // A restart that the stop failed to cancel would come within the back-off (400 ms here).
        assertThat(Commands.run(Duration.ofSeconds(10), "sleep", "2").exitCode()).isZero();
        assertThat(inspect("{{.State.Status}} {{.RestartCount}}")).isEqualTo("exited 2");

        CommandResult start = docker("start", NAME);
        assertThat(start.exitCode()).as(start.toString()).isZero();
        assertThat(inspect("{{.State.Status}} {{.RestartCount}}")).isEqualTo("running 0");
    }

    @Test
    void aSignalOtherThanTheStopSignal_endsUnlessStopped_notAlways() {
        CommandResult unless = docker("run", "-d", "--name", NAME, "--restart", "unless-stopped", "--stop-signal", "SIGTERM",
                image, "sh", "-c", EXIT_ON_HUP);
        assertThat(unless.exitCode()).as(unless.toString()).isZero();
        assertThat(docker("kill", "-s", "HUP", NAME).exitCode()).isZero();
        Waits.until("exited 7", RESTARTS, () -> inspect("{{.State.Status}} {{.State.ExitCode}}").equals("exited 7"));
        assertThat(inspect("{{.RestartCount}}")).isEqualTo("0");
        docker("rm", "-f", NAME);

        CommandResult always = docker("run", "-d", "--name", NAME, "--restart", "always", "--stop-signal", "SIGTERM",
                image, "sh", "-c", EXIT_ON_HUP);
        assertThat(always.exitCode()).as(always.toString()).isZero();
        assertThat(docker("kill", "-s", "HUP", NAME).exitCode()).isZero();
        Waits.until("running again after one restart", RESTARTS,
                () -> inspect("{{.State.Status}} {{.RestartCount}}").equals("running 1"));
    }

    @Test
    void killOfARestartingContainer_cancelsTheRestart() {
        // A run of 'exit 3' is short: the back-off doubles, and the container is often restarting.
        CommandResult run = docker("run", "-d", "--name", NAME, "--restart", "always", image, "sh", "-c", "exit 3");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        Waits.until("restarting", RESTARTS, () -> inspect("{{.State.Status}}").equals("restarting"));
        CommandResult kill = docker("kill", NAME);
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        Waits.until("exited", RESTARTS, () -> inspect("{{.State.Status}}").equals("exited"));
        CommandResult rm = docker("rm", NAME);
        assertThat(rm.exitCode()).as(rm.toString()).isZero();
    }

    @Test
    void anExitWhileTheNodeAgentIsDown_isRestartedWhenItIsBack() {
        CommandResult run = docker("run", "-d", "--name", NAME, "--restart", "always", image, "sleep", "600");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String pid = inspect("{{.State.Pid}}");
        BerthHome.killService("node-agent");
        CommandResult killed = Commands.run(Duration.ofSeconds(10), "kill", "-KILL", pid);
        assertThat(killed.exitCode()).as(killed.toString()).isZero();
        BerthHome.up();
        Waits.until("running again after one restart", RESTARTS,
                () -> inspect("{{.State.Status}} {{.RestartCount}} {{.State.Pid}}").matches("running 1 \\d+")
                        && !inspect("{{.State.Pid}}").equals(pid));
    }

    @Test
    void update_setsThePolicyOfARunningContainer() {
        CommandResult run = docker("run", "-d", "--name", NAME, image, "sleep", "600");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        CommandResult update = docker("update", "--restart", "on-failure:3", NAME);
        assertThat(update.exitCode()).as(update.toString()).isZero();
        assertThat(inspect("{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}"))
                .isEqualTo("on-failure:3");
        String pid = inspect("{{.State.Pid}}");
        assertThat(Commands.run(Duration.ofSeconds(10), "kill", "-KILL", pid).exitCode()).isZero();
        Waits.until("running again after one restart", RESTARTS,
                () -> inspect("{{.State.Status}} {{.RestartCount}}").equals("running 1"));
    }

    @Test
    void badPolicies_areRefusedInDockersWords() {
        HttpResponse<String> retries = EngineApi.post("/containers/create",
                "{\"Image\":\"" + image + "\",\"HostConfig\":{\"RestartPolicy\":{\"Name\":\"always\",\"MaximumRetryCount\":2}}}");
        assertThat(retries.statusCode()).isEqualTo(400);
        assertThat(retries.body()).contains("maximum retry count can only be used with 'on-failure'");
        HttpResponse<String> autoRemove = EngineApi.post("/containers/create",
                "{\"Image\":\"" + image + "\",\"HostConfig\":{\"AutoRemove\":true,\"RestartPolicy\":{\"Name\":\"always\"}}}");
        assertThat(autoRemove.statusCode()).isEqualTo(400);
        assertThat(autoRemove.body()).contains("can't create 'AutoRemove' container with restart policy");
    }
}
