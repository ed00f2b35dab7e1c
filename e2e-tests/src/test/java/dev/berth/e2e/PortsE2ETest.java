package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.TestImages;
import dev.berth.e2e.support.Waits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/** Published ports through the docker CLI: -p, -P, docker port and ps, a port taken, a port freed. */
class PortsE2ETest {

    private static final String PREFIX = "e2e-ports-";
    private static String image;

    @BeforeAll
    static void importImage() {
        image = TestImages.busybox();
    }

    @AfterAll
    static void cleanUp() {
        docker("rm", "-f", PREFIX + "picked", PREFIX + "first", PREFIX + "second", PREFIX + "all");
    }

    private static String serve(String name, String... options) {
        String[] args = new String[6 + options.length + 4];
        int i = 0;
        args[i++] = "run";
        args[i++] = "-d";
        args[i++] = "--name";
        args[i++] = PREFIX + name;
        for (String option : options) {
            args[i++] = option;
        }
        args[i++] = image;
        args[i++] = "sh";
        args[i++] = "-c";
        args[i++] = "echo " + name + " > /page; exec httpd -f -p 8080 -h /";
        CommandResult run = docker(java.util.Arrays.copyOf(args, i));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run.stdout().trim();
    }

    private static void awaitPage(int port, String page) {
        Waits.until("the page through 127.0.0.1:" + port, Duration.ofSeconds(20), () -> {
            try {
                return TestcontainersE2ETest.httpGet("127.0.0.1", port, "/page").endsWith(page + "\n");
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void pickedHostPort_isShownByPortPsAndInspect_andServes() {
        String id = serve("picked", "-p", "8080");

        CommandResult port = docker("port", id, "8080/tcp");
        assertThat(port.exitCode()).as(port.toString()).isZero();
        assertThat(port.stdout()).matches("0\\.0\\.0\\.0:\\d+\\n");
        int hostPort = Integer.parseInt(port.stdout().trim().substring("0.0.0.0:".length()));
        awaitPage(hostPort, "picked");

        CommandResult ps = docker("ps", "--filter", "id=" + id, "--format", "{{.Ports}}");
        assertThat(ps.stdout().trim()).isEqualTo("0.0.0.0:" + hostPort + "->8080/tcp");
        CommandResult inspect = docker("inspect", "--format", "{{json .NetworkSettings.Ports}}", id);
        assertThat(inspect.stdout().trim()).isEqualTo("{\"8080/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"" + hostPort + "\"}]}");
        CommandResult bindings = docker("inspect", "--format", "{{json .HostConfig.PortBindings}}", id);
        assertThat(bindings.stdout().trim()).isEqualTo("{\"8080/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"\"}]}");
    }

    @Test
    void aHostPortTaken_failsTheStartWithDockersError_theFirstKeepsServing_andStopFreesIt() throws IOException {
        int hostPort = freePort();
        serve("first", "-p", "127.0.0.1:" + hostPort + ":8080");
        awaitPage(hostPort, "first");

        CommandResult second = docker("run", "-d", "--name", PREFIX + "second", "-p", "127.0.0.1:" + hostPort + ":8080",
                image, "httpd", "-f", "-p", "8080");
        assertThat(second.exitCode()).isEqualTo(125);
        assertThat(second.stderr()).contains("Bind for 127.0.0.1:" + hostPort + " failed: port is already allocated");
        CommandResult secondState = docker("inspect", "--format", "{{.State.Status}} [{{.NetworkSettings.IPAddress}}]",
                PREFIX + "second");
        assertThat(secondState.stdout().trim()).isEqualTo("created []");
        awaitPage(hostPort, "first");

        CommandResult stop = docker("stop", "-t", "1", PREFIX + "first");
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("127.0.0.1", hostPort)); // free once the stop is answered
        }
        CommandResult started = docker("start", PREFIX + "second");
        assertThat(started.exitCode()).as(started.toString()).isZero();
        CommandResult port = docker("port", PREFIX + "second", "8080");
        assertThat(port.stdout().trim()).isEqualTo("127.0.0.1:" + hostPort);
    }

    @Test
    void publishAll_publishesEveryExposedPort() {
        String id = serve("all", "--expose", "8080", "--expose", "9999/udp", "-P");

        CommandResult port = docker("port", id);
        assertThat(port.exitCode()).as(port.toString()).isZero();
        assertThat(port.stdout()).containsPattern("8080/tcp -> 0\\.0\\.0\\.0:\\d+").containsPattern("9999/udp -> 0\\.0\\.0\\.0:\\d+");
        String tcp = port.stdout().lines().filter(l -> l.startsWith("8080/tcp")).findFirst().orElseThrow();
        awaitPage(Integer.parseInt(tcp.substring(tcp.lastIndexOf(':') + 1)), "all");
    }

    @Test
    void aBadPortSpec_isRefusedAtCreate() {
        CommandResult run = docker("create", "-p", "8080/xyz", image, "true");

        assertThat(run.exitCode()).isEqualTo(125);
        assertThat(run.stderr()).contains("invalid proto: xyz");
    }
}
