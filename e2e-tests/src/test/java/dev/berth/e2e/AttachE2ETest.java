package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.Commands;
import dev.berth.e2e.support.DockerCli;
import dev.berth.e2e.support.RawHttp;
import dev.berth.e2e.support.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.berth.e2e.support.DockerCli.docker;
import static dev.berth.e2e.support.DockerCli.dockerWithStdin;
import static org.assertj.core.api.Assertions.assertThat;

/** stdin, TTYs and attach: piped bytes, a pseudo-terminal, detach keys, and stdin that outlives a client. */
class AttachE2ETest {

    private static final String NAME = "e2e-attach";
    private static String image;

    @BeforeAll
    static void importImage() {
        image = TestImages.busybox();
    }

    @AfterEach
    void removeContainer() {
        docker("rm", "-f", NAME);
    }

    @Test
    void runInteractive_eightMebibytesOfRandomBytes_comeBackIdentical() {
        byte[] input = new byte[8 * 1024 * 1024];
        new Random(42).nextBytes(input);
        CommandResult result = dockerWithStdin(input, "run", "-i", "--rm", image, "cat");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        byte[] output = result.stdoutBytes();
        assertThat(output.length).isEqualTo(input.length);
        assertThat(java.util.Arrays.mismatch(input, output)).as("offset of the first byte that differs").isEqualTo(-1);
    }

    @Test
    void runWithTty_runsOnAPseudoTerminal() {
        CommandResult run = Commands.run(Duration.ofSeconds(60), "env", "DOCKER_HOST=" + DockerCli.DOCKER_HOST,
                "script", "-qec", "docker run -it --rm " + image + " tty", "/dev/null");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).containsPattern("/dev/pts/\\d+");
    }

    @Test
    void detachKeys_endTheAttachment_andTheContainerRunsOn() throws IOException {
        assertThat(docker("run", "-dit", "--name", NAME, image, "sh").exitCode()).isZero();
        try (RawHttp attach = new RawHttp()) {
            attach.post("/containers/" + NAME + "/attach?stream=1&stdin=1&stdout=1&stderr=1&detachKeys=ctrl-x",
                    "Upgrade: tcp", "Connection: Upgrade");
            assertThat(attach.readHead()).startsWith("HTTP/1.1 101");
            attach.write("echo marker-$((20+22))\n".getBytes(StandardCharsets.US_ASCII));
            readUntil(attach, "marker-42");
            attach.write(new byte[] {0x18});
            // The server ends the stream (the read returns): the keys detached the client, not the shell.
            attach.readToEnd();
        }
        assertThat(docker("inspect", "-f", "{{.State.Status}}", NAME).stdout().trim()).isEqualTo("running");
    }

    @Test
    void clientInputEnds_withoutStdinOnce_theContainersStdinStaysOpen() throws IOException {
        assertThat(docker("run", "-di", "--name", NAME, image, "cat").exitCode()).isZero();
        for (String line : new String[] {"first", "second"}) {
            try (RawHttp attach = new RawHttp()) {
                attach.post("/containers/" + NAME + "/attach?stream=1&stdin=1&stdout=1", "Upgrade: tcp", "Connection: Upgrade");
                assertThat(attach.readHead()).startsWith("HTTP/1.1 101");
                attach.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                readUntil(attach, line);
                attach.halfClose();
                attach.readToEnd();
            }
        }
        assertThat(docker("inspect", "-f", "{{.State.Status}}", NAME).stdout().trim()).isEqualTo("running");
    }

    @Test
    void badDetachKeys_areRefusedInDockersWords() throws IOException {
        assertThat(docker("run", "-dit", "--name", NAME, image, "sh").exitCode()).isZero();
        try (RawHttp attach = new RawHttp()) {
            attach.post("/containers/" + NAME + "/attach?stream=1&stdin=1&detachKeys=ctrl-1", "Upgrade: tcp", "Connection: Upgrade");
            assertThat(attach.readHead()).startsWith("HTTP/1.1 400");
            assertThat(readUntil(attach, "provided")).contains("Invalid detach keys (ctrl-1) provided");
        }
    }

    /** Reads the stream until {@code text} has come (the socket's read timeout bounds the wait). */
    private static String readUntil(RawHttp connection, String text) throws IOException {
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!seen.toString().contains(text)) {
            int n = connection.input().read(buffer);
            if (n < 0) {
                throw new AssertionError("stream ended before " + text + " came: " + seen);
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
        return seen.toString();
    }
}
