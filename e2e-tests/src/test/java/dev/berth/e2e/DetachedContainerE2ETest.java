package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.TestImages;
import dev.berth.e2e.support.Waits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.berth.e2e.support.DockerCli.docker;
import static dev.berth.e2e.support.DockerCli.start;
import static org.assertj.core.api.Assertions.assertThat;

/** The detached half of the user session: run -d, ps, logs (-f), stop, inspect, rm, rm -f. */
class DetachedContainerE2ETest {

    private static final String NAME = "e2e-web";
    private static String image;

    @BeforeAll
    static void importImage() {
        image = TestImages.busybox();
    }

    @AfterAll
    static void removeContainers() {
        docker("rm", "-f", NAME);
    }

    @Test
    void detachedContainer_fullLifecycle() throws Exception {
        CommandResult run = docker("run", "-d", "--name", NAME, image, "sh", "-c", "while true; do date; sleep 1; done");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String id = run.stdout().trim();
        assertThat(id).matches("[0-9a-f]{64}");

        CommandResult ps = docker("ps", "--format", "{{.ID}} {{.Names}} {{.Image}} {{.Status}}");
        assertThat(ps.stdout()).contains(id.substring(0, 12) + " " + NAME + " " + image + " Up ");
        assertThat(docker("ps").stdout().lines().findFirst()).hasValueSatisfying(
                header -> assertThat(header).startsWith("CONTAINER ID").contains("IMAGE", "COMMAND", "STATUS", "NAMES"));

        Waits.until("two lines of logs", Duration.ofSeconds(20),
                () -> docker("logs", NAME).stdout().lines().count() >= 3);
        CommandResult tail = docker("logs", "--tail", "2", NAME);
        assertThat(tail.exitCode()).as(tail.toString()).isZero();
        assertThat(tail.stdout().lines()).hasSize(2);

        assertLogsFollowNewLines(tail.stdout().lines().toList());

        CommandResult stop = docker("stop", NAME);
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(stop.stdout()).isEqualTo(NAME + "\n");

        CommandResult psAll = docker("ps", "-a", "--filter", "name=" + NAME, "--format", "{{.Names}} {{.Status}}");
        assertThat(psAll.stdout()).startsWith(NAME + " Exited (");

        CommandResult inspect = docker("inspect", "--format",
                "{{.Id}} {{.Name}} {{.State.Status}} {{.State.Running}} {{.Config.Image}} {{json .NetworkSettings.Ports}}", NAME);
        assertThat(inspect.exitCode()).as(inspect.toString()).isZero();
        assertThat(inspect.stdout()).isEqualTo(id + " /" + NAME + " exited false " + image + " {}\n");

        CommandResult rm = docker("rm", NAME);
        assertThat(rm.exitCode()).as(rm.toString()).isZero();
        assertThat(rm.stdout()).isEqualTo(NAME + "\n");
        assertThat(docker("ps", "-a", "--filter", "name=" + NAME, "-q").stdout()).isEmpty();
    }

    /** `docker logs -f` prints what exists, then keeps printing lines as the container writes them. */
    private static void assertLogsFollowNewLines(List<String> alreadyWritten) throws Exception {
        Process follow = start("logs", "-f", "--tail", "1", NAME);
        try {
            CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> {
                List<String> read = new ArrayList<>();
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(follow.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while (read.size() < 3 && (line = reader.readLine()) != null) {
                        read.add(line);
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return read;
            });
            List<String> followed = lines.get(30, TimeUnit.SECONDS);
            assertThat(followed).hasSize(3);
            assertThat(followed).doesNotHaveDuplicates();
            assertThat(followed.subList(1, 3)).doesNotContainAnyElementsOf(alreadyWritten);
            assertThat(follow.isAlive()).as("logs -f still following").isTrue();
        } finally {
            follow.destroy();
            follow.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void inspect_pathsNameTheContainersRealFiles() throws Exception {
        CommandResult run = docker("run", "-d", "--name", NAME + "-files", "--hostname", "filed", image,
                "sh", "-c", "echo written-to-the-log; sleep 300");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        try {
            String[] paths = docker("inspect", "--format",
                    "{{.LogPath}} {{.HostsPath}} {{.HostnamePath}} {{.ResolvConfPath}} {{.HostConfig.LogConfig.Type}}",
                    NAME + "-files").stdout().trim().split(" ");
            assertThat(paths).hasSize(5);
            Waits.until("the log line", Duration.ofSeconds(20),
                    () -> read(paths[0]).contains("written-to-the-log"));
            assertThat(read(paths[1])).contains("filed");
            assertThat(read(paths[2])).isEqualTo("filed\n");
            assertThat(Path.of(paths[3])).isRegularFile();
            assertThat(paths[4]).isEqualTo("k8s-file");
        } finally {
            docker("rm", "-f", NAME + "-files");
        }
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void rmForce_removesARunningContainer() {
        CommandResult run = docker("run", "-d", image, "sleep", "300");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String id = run.stdout().trim();

        CommandResult rmWithoutForce = docker("rm", id);
        assertThat(rmWithoutForce.exitCode()).isEqualTo(1);
        assertThat(rmWithoutForce.stderr()).contains("container is running");

        CommandResult rm = docker("rm", "-f", id);
        assertThat(rm.exitCode()).as(rm.toString()).isZero();
        assertThat(rm.stdout()).isEqualTo(id + "\n");
        assertThat(docker("ps", "-a", "-q", "--no-trunc").stdout()).doesNotContain(id);
    }
}
