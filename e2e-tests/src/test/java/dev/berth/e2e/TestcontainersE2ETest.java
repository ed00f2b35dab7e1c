package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Testcontainers as its users run it, pointed at Berth by DOCKER_HOST (Ryuk off: its image lives on
 * Docker Hub). One GenericContainer: an exposed port picked by the engine, a log wait, a file copied
 * in before start, an exec, the page read through the mapped port, and a clean stop; and an image
 * built by ImageFromDockerfile (a Dockerfile and a file in its context) that a container runs.
 */
class TestcontainersE2ETest {

    private static final String PAGE = "<h1>served by busybox on Berth</h1>\n";
    private static String image;

    @BeforeAll
    static void importImage() {
        image = TestImages.busybox();
    }

    @Test
    void genericContainer_servesThroughTheMappedPort_execsAndStopsCleanly() throws IOException, InterruptedException {
        String id;
        try (GenericContainer<?> web = new GenericContainer<>(image)
                .withCommand("sh", "-c", "echo httpd starting; exec httpd -f -p 8080 -h /srv")
                .withExposedPorts(8080)
                .withCopyToContainer(Transferable.of(PAGE), "/srv/index.html")
                .waitingFor(Wait.forLogMessage(".*httpd starting.*\\n", 1)
                        .withStartupTimeout(Duration.ofSeconds(60)))) {
            web.start();
            id = web.getContainerId();

            ExecResult cat = web.execInContainer("cat", "/srv/index.html");
            assertThat(cat.getExitCode()).isZero();
            assertThat(cat.getStdout()).isEqualTo(PAGE);

            String response = httpGet(web.getHost(), web.getMappedPort(8080), "/index.html");
            assertThat(response).startsWith("HTTP/1.").contains(" 200 ").endsWith(PAGE);

            CommandResult inspected = docker("inspect", "--format", "{{.State.Running}}", id);
            assertThat(inspected.stdout().trim()).isEqualTo("true");
        }
        CommandResult gone = docker("ps", "-a", "-q", "--no-trunc", "--filter", "id=" + id);
        assertThat(gone.exitCode()).isZero();
        assertThat(gone.stdout().trim()).isEmpty();
    }

    @Test
    void imageFromDockerfile_buildsAnImage_thatAGenericContainerRuns() throws IOException {
        String name = "berth-e2e-tc-built:" + ProcessHandle.current().pid();
        ImageFromDockerfile built = new ImageFromDockerfile(name, false)
                .withFileFromString("page.html", PAGE)
                .withDockerfileFromBuilder(dockerfile -> dockerfile
                        .from(image)
                        .copy("page.html", "/srv/index.html")
                        .run("echo built >> /srv/index.html")
                        .cmd("sh", "-c", "echo httpd starting; exec httpd -f -p 8080 -h /srv")
                        .build());
        try (GenericContainer<?> web = new GenericContainer<>(built)
                .withExposedPorts(8080)
                .waitingFor(Wait.forLogMessage(".*httpd starting.*\\n", 1)
                        .withStartupTimeout(Duration.ofSeconds(120)))) {
            web.start();
            String response = httpGet(web.getHost(), web.getMappedPort(8080), "/index.html");
            assertThat(response).contains(" 200 ").endsWith(PAGE + "built\n");
        } finally {
            docker("rmi", "-f", name);
        }
    }

    /** A plain HTTP/1.0 GET, so the server closes and the whole answer is what was read. */
    static String httpGet(String host, int port, String path) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
