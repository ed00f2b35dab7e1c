package dev.berth.gateway;

import dev.berth.proto.v1.ContainerStatus;
import dev.berth.proto.v1.OutputStream;
import dev.berth.gateway.fake.FakeNodeAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real docker CLI against the gateway (with fake backends): what a user would see. */
class DockerCliTest extends GatewayTestBase {

    /** Found on PATH: bin/berth test installs a docker CLI before it runs the suite. */
    private static final String DOCKER = "docker";

    @TempDir
    static Path config;

    record Run(int exit, String out, String err) {
    }

    private Run docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(DOCKER));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DOCKER_HOST", "tcp://127.0.0.1:" + port);
        builder.environment().put("DOCKER_CONFIG", config.toString());
        Path out = Files.createTempFile(config, "out", ".txt");
        Path err = Files.createTempFile(config, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("docker %s finished", command).isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The same API on the gateway's unix socket, mode 0660 as Docker's. */
    @Test
    void unixSocket_servesTheApi() throws Exception {
        Run run = docker("-H", "unix://" + SOCKET, "version", "--format", "{{.Server.APIVersion}}");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().trim()).isEqualTo("1.44");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(SOCKET)))
                .isEqualTo("rw-rw----");
    }

    @Test
    void version_printsClientAndServer() throws Exception {
        Run run = docker("version");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Server: Berth Engine").contains("API version:      1.44 (minimum version 1.24)")
                .contains("Go version:       java" + Runtime.version())
                .contains(" runc:\n  Version:          1.1.5+fake\n  GitCommit:        fake-commit")
                .contains(" conmon:\n  Version:          2.1.6")
                .doesNotContain("1970");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void info_printsWithoutErrors() throws Exception {
        Run run = docker("info");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Server Version: 26.12.0-SNAPSHOT").contains("Storage Driver: overlay2")
                .contains("Cgroup Driver: cgroupfs").contains("Cgroup Version: 1")
                .contains("runc version: fake-commit");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void ps_listsRunningContainers() throws Exception {
        BACKENDS.containers.put("cli_web", ContainerStatus.CONTAINER_STATUS_RUNNING, false);

        Run run = docker("ps");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("CONTAINER ID").contains("cli_web").contains("Up 5 seconds")
                .contains("\"sh -c while true; d…\"");
    }

    @Test
    void inspect_unknownName_isNoSuchObject() throws Exception {
        Run run = docker("inspect", "nosuch");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("Error: No such object: nosuch");
    }

    @Test
    void inspect_containerAndImage_printJson() throws Exception {
        BACKENDS.containers.put("cli_inspected", ContainerStatus.CONTAINER_STATUS_EXITED, false);

        Run container = docker("inspect", "--format", "{{.Name}} {{.State.Status}} {{.State.ExitCode}}", "cli_inspected");
        Run image = docker("image", "inspect", "--format", "{{.Os}} {{.RootFS.Type}}", "myreg:5000/ns/x:1");

        assertThat(container.out().trim()).isEqualTo("/cli_inspected exited 3");
        assertThat(image.out().trim()).isEqualTo("linux layers");
    }

    @Test
    void rm_runningWithoutForce_printsTheConflict() throws Exception {
        BACKENDS.containers.put("cli_busy", ContainerStatus.CONTAINER_STATUS_RUNNING, false);

        Run run = docker("rm", "cli_busy");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("Error response from daemon: You cannot remove a running container");
    }

    @Test
    void logs_demultiplexesStdoutAndStderr() throws Exception {
        BACKENDS.containers.put("cli_logged", ContainerStatus.CONTAINER_STATUS_EXITED, false);
        BACKENDS.node.logs.clear();
        BACKENDS.node.logs.add(FakeNodeAgent.entry(OutputStream.OUTPUT_STREAM_STDOUT, 1, 0, "to out\n"));
        BACKENDS.node.logs.add(FakeNodeAgent.entry(OutputStream.OUTPUT_STREAM_STDERR, 2, 0, "to err\n"));

        Run run = docker("logs", "cli_logged");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("to out\n");
        assertThat(run.err()).isEqualTo("to err\n");
    }

    @Test
    void import_printsTheImageId() throws Exception {
        Path tarball = Files.write(config.resolve("rootfs.tar"), new byte[100_000]);

        Run run = docker("import", tarball.toString(), "cli/imported:1");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().trim()).isEqualTo("sha256:" + "e".repeat(64));
    }

    @Test
    void run_withUnknownImage_triesToPullIt() throws Exception {
        Run run = docker("run", "--rm", "bb:1");

        // The create's 404 makes the CLI pull: these fakes have no registry, so the pull fails.
        assertThat(run.exit()).isEqualTo(125);
        assertThat(run.err()).contains("Unable to find image 'bb:1' locally");
    }

    @Test
    void run_attached_printsOutputAndExitsWithTheContainersStatus() throws Exception {
        BACKENDS.node.attachments.clear();
        BACKENDS.containers.waits.clear();
        BACKENDS.containers.started.clear();
        Thread container = new Thread(() -> {
            try {
                FakeNodeAgent.Attachment attachment = BACKENDS.node.attachments.poll(20, TimeUnit.SECONDS);
                BACKENDS.containers.started.poll(20, TimeUnit.SECONDS);
                attachment.output(OutputStream.OUTPUT_STREAM_STDOUT, "hi\n");
                attachment.output(OutputStream.OUTPUT_STREAM_STDERR, "warn\n");
                attachment.end();
                BACKENDS.containers.waits.poll(20, TimeUnit.SECONDS).answer(3, "");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        container.start();

        Run run = docker("run", "--rm", "busybox", "sh", "-c", "echo hi; echo warn >&2; exit 3");
        container.join();

        assertThat(run.out()).isEqualTo("hi\n");
        assertThat(run.err()).isEqualTo("warn\n");
        assertThat(run.exit()).isEqualTo(3);
    }

    @Test
    void run_detached_createsStartsAndPrintsTheId() throws Exception {
        Run run = docker("run", "-d", "--name", "cli_detached", "busybox");

        assertThat(run.exit()).as(run.err()).isZero();
        String id = run.out().trim();
        assertThat(id).hasSize(64);
        assertThat(BACKENDS.containers.byId.get(id).getState().getStatus())
                .isEqualTo(ContainerStatus.CONTAINER_STATUS_RUNNING);
    }
}
