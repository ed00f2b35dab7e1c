package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.Commands;
import dev.berth.e2e.support.DockerCli;
import dev.berth.e2e.support.TestImages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.berth.e2e.support.DockerCli.docker;
import static dev.berth.e2e.support.DockerCli.dockerWithStdin;
import static org.assertj.core.api.Assertions.assertThat;

/** `docker exec` through the real CLI: exit codes, output, stdin, a TTY, detached, a stopped container. */
class ExecE2ETest {

    private static final String NAME = "e2e-exec";
    private static final String STOPPED = "e2e-exec-stopped";

    @BeforeAll
    static void runContainer() {
        String image = TestImages.busybox();
        docker("rm", "-f", NAME, STOPPED);
        CommandResult run = docker("run", "-d", "--name", NAME, image, "sleep", "600");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        CommandResult stopped = docker("create", "--name", STOPPED, image, "true");
        assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
    }

    @AfterAll
    static void removeContainers() {
        docker("rm", "-f", NAME, STOPPED);
    }

    @Test
    void exec_exitsWithTheProcessExitCode() {
        CommandResult exec = docker("exec", NAME, "sh", "-c", "exit 5");
        assertThat(exec.exitCode()).as(exec.toString()).isEqualTo(5);
    }

    @Test
    void execsOfInstantProcesses_allEndWithTheirCode() {
        // A process this fast can exit before its start is answered: each stream must still end.
        List<CompletableFuture<CommandResult>> execs = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> docker("exec", NAME, "sh", "-c", "exit " + i)))
                .toList();
        for (int i = 0; i < execs.size(); i++) {
            CommandResult exec = execs.get(i).join();
            assertThat(exec.exitCode()).as(exec.toString()).isEqualTo(i);
        }
    }

    @Test
    void exec_printsTheOutput() {
        CommandResult exec = docker("exec", NAME, "echo", "hi");
        assertThat(exec.exitCode()).as(exec.toString()).isZero();
        assertThat(exec.stdout()).isEqualTo("hi\n");
    }

    @Test
    void exec_keepsStdoutAndStderrApart() {
        CommandResult exec = docker("exec", NAME, "sh", "-c", "echo out; echo err >&2");
        assertThat(exec.exitCode()).as(exec.toString()).isZero();
        assertThat(exec.stdout()).isEqualTo("out\n");
        assertThat(exec.stderr()).isEqualTo("err\n");
    }

    @Test
    void execInteractive_passesStdin() {
        CommandResult exec = dockerWithStdin("data\n".getBytes(StandardCharsets.UTF_8), "exec", "-i", NAME, "cat");
        assertThat(exec.exitCode()).as(exec.toString()).isZero();
        assertThat(exec.stdout()).isEqualTo("data\n");
    }

    @Test
    void execWithTty_runsOnAPseudoTerminal() {
        // script gives the CLI a terminal of its own, as a user's shell would.
        CommandResult exec = Commands.run(Duration.ofSeconds(60), "env", "DOCKER_HOST=" + DockerCli.DOCKER_HOST,
                "script", "-qec", "docker exec -it " + NAME + " tty", "/dev/null");
        assertThat(exec.exitCode()).as(exec.toString()).isZero();
        assertThat(exec.stdout()).containsPattern("/dev/pts/\\d+");
    }

    @Test
    void execDetached_runsInTheBackground() {
        CommandResult detached = docker("exec", "-d", NAME, "touch", "/tmp/x");
        assertThat(detached.exitCode()).as(detached.toString()).isZero();
        assertThat(detached.stdout()).isEmpty();
        CommandResult ls = waitForFile("/tmp/x");
        assertThat(ls.exitCode()).as(ls.toString()).isZero();
        assertThat(ls.stdout()).isEqualTo("/tmp/x\n");
    }

    @Test
    void execAsUser_runsWithThatUid() {
        CommandResult exec = docker("exec", "-u", "1000", NAME, "id", "-u");
        assertThat(exec.exitCode()).as(exec.toString()).isZero();
        assertThat(exec.stdout()).isEqualTo("1000\n");
    }

    @Test
    void execWithEnvAndWorkdir_usesThem() {
        CommandResult exec = docker("exec", "-e", "GREETING=hello", "-w", "/tmp", NAME, "sh", "-c", "echo $GREETING $PWD");
        assertThat(exec.exitCode()).as(exec.toString()).isZero();
        assertThat(exec.stdout()).isEqualTo("hello /tmp\n");
    }

    @Test
    void execInStoppedContainer_failsAsDocker() {
        String id = docker("inspect", "--format", "{{.Id}}", STOPPED).stdout().trim();
        CommandResult exec = docker("exec", STOPPED, "true");
        assertThat(exec.exitCode()).isNotZero();
        assertThat(exec.stderr()).contains("Error response from daemon: Container " + id + " is not running");
    }

    @Test
    void execInUnknownContainer_isNoSuchContainer() {
        CommandResult exec = docker("exec", "e2e-exec-nonexistent", "true");
        assertThat(exec.exitCode()).isNotZero();
        assertThat(exec.stderr()).contains("No such container: e2e-exec-nonexistent");
    }

    @Test
    void execPrivileged_hasTheHostsCapabilities_theContainerKeepsItsOwn() throws java.io.IOException {
        String hostBounding = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("CapBnd:")).findFirst().orElseThrow().substring(7).trim();
        CommandResult privileged = docker("exec", "--privileged", NAME, "grep", "CapEff", "/proc/self/status");
        assertThat(privileged.exitCode()).as(privileged.toString()).isZero();
        assertThat(privileged.stdout()).contains(hostBounding);
        CommandResult plain = docker("exec", NAME, "grep", "CapEff", "/proc/self/status");
        assertThat(plain.stdout()).contains("00000000a80425fb");
    }

    @Test
    void execsOfARemovedContainer_areGone() {
        String name = NAME + "-removed";
        docker("rm", "-f", name);
        assertThat(docker("run", "-d", "--name", name, TestImages.busybox(), "sleep", "600").exitCode()).isZero();
        java.net.http.HttpResponse<String> created = dev.berth.e2e.support.EngineApi.post(
                "/containers/" + name + "/exec", "{\"Cmd\":[\"true\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = dev.berth.e2e.support.EngineApi.json(created).get("Id").asString();
        assertThat(dev.berth.e2e.support.EngineApi.get("/exec/" + id + "/json").statusCode()).isEqualTo(200);

        assertThat(docker("rm", "-f", name).exitCode()).isZero();

        java.net.http.HttpResponse<String> gone = dev.berth.e2e.support.EngineApi.get("/exec/" + id + "/json");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("No such exec instance: " + id);
    }

    /** A detached exec returns once it runs, not once it is done: wait for what it does. */
    private static CommandResult waitForFile(String path) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        CommandResult ls = docker("exec", NAME, "ls", path);
        while (ls.exitCode() != 0 && System.nanoTime() < deadline) {
            ls = docker("exec", NAME, "ls", path);
        }
        return ls;
    }
}
