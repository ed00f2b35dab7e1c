package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.Commands;
import dev.berth.e2e.support.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.berth.e2e.support.DockerCli.docker;
import static dev.berth.e2e.support.DockerCli.dockerWithStdin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Engine API on the gateway's unix socket, where most clients look first: the CLI with
 * {@code -H unix://...}, hijacked streams included; and what Testcontainers' resource reaper
 * does — a container with the socket (and the docker CLI) bind-mounted lists and removes another
 * container through it.
 */
class UnixSocketE2ETest {

    private static final String PREFIX = "e2e-sock-";
    private static final Path SOCKET = Path.of(System.getenv().getOrDefault("BERTH_RUN_ROOT", "/run/berth"), "berth.sock");
    private static final String HOST = "unix://" + SOCKET;
    private static String image;

    @BeforeAll
    static void importImage() {
        image = TestImages.busybox();
    }

    @AfterAll
    static void cleanUp() {
        docker("rm", "-f", PREFIX + "victim", PREFIX + "exec");
    }

    @Test
    void theSocket_isMode0660_andServesTheCliWithItsStreams() throws Exception {
        assertThat(Files.exists(SOCKET) && !Files.isRegularFile(SOCKET) && !Files.isDirectory(SOCKET)).as(SOCKET + " is a socket").isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(SOCKET))).isEqualTo("rw-rw----");

        CommandResult version = docker("-H", HOST, "version", "--format", "{{.Server.APIVersion}}");
        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.stdout().trim()).isEqualTo("1.44");

        CommandResult echo = docker("-H", HOST, "run", "--rm", image, "echo", "over the socket");
        assertThat(echo.exitCode()).as(echo.toString()).isZero();
        assertThat(echo.stdout()).isEqualTo("over the socket\n");

        CommandResult cat = dockerWithStdin("typed in\n".getBytes(StandardCharsets.UTF_8),
                "-H", HOST, "run", "-i", "--rm", image, "cat");
        assertThat(cat.exitCode()).as(cat.toString()).isZero();
        assertThat(cat.stdout()).isEqualTo("typed in\n");

        CommandResult started = docker("-H", HOST, "run", "-d", "--name", PREFIX + "exec", image, "sleep", "300");
        assertThat(started.exitCode()).as(started.toString()).isZero();
        CommandResult exec = dockerWithStdin("to exec\n".getBytes(StandardCharsets.UTF_8),
                "-H", HOST, "exec", "-i", PREFIX + "exec", "cat");
        assertThat(exec.exitCode()).as(exec.toString()).isZero();
        assertThat(exec.stdout()).isEqualTo("to exec\n");
    }

    /** Ryuk's way: the engine's socket bind-mounted into a container that talks to the engine through it. */
    @Test
    void aContainerWithTheSocket_listsAndRemovesAnotherContainer() {
        CommandResult victim = docker("run", "-d", "--name", PREFIX + "victim", image, "sleep", "300");
        assertThat(victim.exitCode()).as(victim.toString()).isZero();
        String cli = Commands.run(Duration.ofSeconds(10), "sh", "-c", "command -v docker").stdout().trim();
        assertThat(cli).as("the docker CLI on this host").startsWith("/usr/");

        // The host's /usr (and its loader) read-only: the CLI runs inside whether it is static or not.
        CommandResult reaper = docker("run", "--rm", "-v", SOCKET + ":/var/run/docker.sock",
                "-v", "/usr:/usr:ro", "-v", "/lib:/lib:ro", "-v", "/lib64:/lib64:ro", "-e", "HOME=/tmp", image,
                "sh", "-c", cli + " ps --format '{{.Names}}' && " + cli + " rm -f " + PREFIX + "victim");
        assertThat(reaper.exitCode()).as(reaper.toString()).isZero();
        assertThat(reaper.stdout()).contains(PREFIX + "victim");

        assertThat(docker("ps", "-a", "-q", "--filter", "name=" + PREFIX + "victim").stdout()).isEmpty();
    }
}
