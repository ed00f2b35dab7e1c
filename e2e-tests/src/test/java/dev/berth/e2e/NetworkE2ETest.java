package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.TestImages;
import dev.berth.e2e.support.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default bridge network through the docker CLI: an address per running container, reachable
 * from other containers and from the host; none and host as Docker gives them; everything a run
 * took (namespace, address) given back when it ends.
 */
class NetworkE2ETest {

    private static final String PREFIX = "e2e-net-";
    private static final Path DATA_ROOT = Path.of(System.getenv().getOrDefault("BERTH_DATA_ROOT", "/var/lib/berth"));
    private static final Path RUN_ROOT = Path.of(System.getenv().getOrDefault("BERTH_RUN_ROOT", "/run/berth"));
    private static String image;

    @BeforeAll
    static void importImage() {
        image = TestImages.busybox();
    }

    @AfterAll
    static void cleanUp() {
        docker("rm", "-f", PREFIX + "web", PREFIX + "stopped", PREFIX + "nonet", PREFIX + "shared", PREFIX + "down");
    }

    private static String inspect(String format, String name) {
        CommandResult result = docker("inspect", "--format", format, name);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.stdout().trim();
    }

    @Test
    void defaultBridge_containersReachEachOther_andTheHostReachesThem() throws IOException {
        CommandResult run = docker("run", "-d", "--name", PREFIX + "web", image,
                "sh", "-c", "echo served > /www; exec httpd -f -p 8080 -h /");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String id = run.stdout().trim();

        String address = inspect("{{.NetworkSettings.IPAddress}}", id);
        String gateway = inspect("{{.NetworkSettings.Gateway}}", id);
        assertThat(address).matches("\\d+\\.\\d+\\.\\d+\\.\\d+").isNotEqualTo(gateway);
        assertThat(inspect("{{.NetworkSettings.Networks.bridge.IPAddress}}", id)).isEqualTo(address);
        assertThat(inspect("{{.NetworkSettings.MacAddress}}", id)).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
        assertThat(inspect("{{.NetworkSettings.IPPrefixLen}}", id)).isEqualTo("16");

        Waits.until("httpd answers at " + address, Duration.ofSeconds(20), () -> {
            try {
                return TestcontainersE2ETest.httpGet(address, 8080, "/www").endsWith("served\n");
            } catch (IOException e) {
                return false;
            }
        });
        CommandResult fetched = docker("run", "--rm", image, "wget", "-q", "-O", "-", "http://" + address + ":8080/www");
        assertThat(fetched.exitCode()).as(fetched.toString()).isZero();
        assertThat(fetched.stdout()).isEqualTo("served\n");

        CommandResult hosts = docker("exec", id, "cat", "/etc/hosts");
        assertThat(hosts.stdout()).contains(address + "\t" + id.substring(0, 12));
        CommandResult route = docker("exec", id, "ip", "route");
        assertThat(route.stdout()).contains("default via " + gateway);
    }

    @Test
    void aStoppedContainer_givesItsAddressAndNamespaceBack() {
        CommandResult run = docker("run", "-d", "--name", PREFIX + "stopped", image, "sleep", "300");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String id = run.stdout().trim();
        String address = inspect("{{.NetworkSettings.IPAddress}}", id);
        Path lease = DATA_ROOT.resolve("node/networks/ipam/bridge").resolve(address);
        Path namespace = RUN_ROOT.resolve("node/netns").resolve(id);
        assertThat(lease).exists();
        assertThat(namespace).exists();

        CommandResult stop = docker("stop", "-t", "1", id);
        assertThat(stop.exitCode()).as(stop.toString()).isZero();

        // The node takes a run off its network in the background, off the path of the stop.
        assertThat(inspect("{{.NetworkSettings.IPAddress}}", id)).isEmpty();
        Waits.until("the address lease " + lease + " and the namespace go", Duration.ofSeconds(20),
                () -> !Files.exists(lease) && !Files.exists(namespace));
        assertThat(inspect("{{json .NetworkSettings.Ports}}", id)).isEqualTo("{}");
    }

    @Test
    void networkNone_hasOnlyALoopback() {
        CommandResult run = docker("run", "--rm", "--network", "none", image, "cat", "/proc/net/dev");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("lo:").doesNotContain("eth0");
    }

    @Test
    void networkHost_hasTheHostsHostname() throws IOException {
        String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        CommandResult run = docker("run", "--rm", "--network", "host", image, "sh", "-c", "hostname; cat /etc/hostname; echo $HOSTNAME");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEqualTo(host + "\n" + host + "\n" + host + "\n");
    }

    @Test
    void networkHost_seesTheHostsInterfaces() throws IOException {
        CommandResult run = docker("run", "--rm", "--network", "host", image, "cat", "/proc/net/dev");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        String hostInterfaces = Files.readString(Path.of("/proc/net/dev"));
        for (String line : hostInterfaces.split("\n")) {
            if (line.contains(":") && line.trim().startsWith("lo:") == false && !line.contains("veth")) {
                assertThat(run.stdout()).contains(line.substring(0, line.indexOf(':') + 1).trim());
            }
        }
    }

    @Test
    void anUnknownNetwork_failsTheStartAsOnDocker_andAnRmContainerGoes() {
        CommandResult kept = docker("run", "--name", PREFIX + "nonet", "--network", "nosuchnet", image, "true");
        assertThat(kept.exitCode()).isEqualTo(125);
        assertThat(kept.stderr()).contains("network nosuchnet not found");
        assertThat(inspect("{{.State.Status}} {{.State.ExitCode}} {{.State.Error}}", PREFIX + "nonet"))
                .isEqualTo("created 128 network nosuchnet not found");

        CommandResult removed = docker("run", "--rm", "--name", PREFIX + "nonet-rm", "--network", "nosuchnet", image, "true");
        assertThat(removed.exitCode()).isEqualTo(125);
        assertThat(removed.stderr()).contains("network nosuchnet not found");
        Waits.until("the --rm container is gone", Duration.ofSeconds(20),
                () -> docker("ps", "-a", "-q", "--filter", "name=" + PREFIX + "nonet-rm").stdout().isBlank());
    }

    @Test
    void networkOfAnotherContainer_isSharedWithItsNamesAndLocalhost() {
        CommandResult run = docker("run", "-d", "--name", PREFIX + "shared", image,
                "sh", "-c", "echo served > /www; exec httpd -f -p 8080 -h /");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String id = run.stdout().trim();
        String address = inspect("{{.NetworkSettings.IPAddress}}", id);

        Waits.until("the sidecar reaches httpd on localhost", Duration.ofSeconds(20), () -> docker("run", "--rm",
                "--network", "container:" + PREFIX + "shared", image, "sh", "-c",
                "printf 'GET /www HTTP/1.0\\r\\n\\r\\n' | nc 127.0.0.1 8080").stdout().contains("served"));
        CommandResult sidecar = docker("run", "--rm", "--network", "container:" + id.substring(0, 12), image,
                "sh", "-c", "hostname; ip -o -4 addr show eth0; cat /etc/hosts");
        assertThat(sidecar.exitCode()).as(sidecar.toString()).isZero();
        assertThat(sidecar.stdout()).startsWith(id.substring(0, 12) + "\n").contains(address + "/");

        CommandResult ports = docker("run", "--rm", "--network", "container:" + PREFIX + "shared", "-p", "9000:9000",
                image, "true");
        assertThat(ports.stderr()).contains("conflicting options: port publishing and the container type network mode");

        assertThat(docker("create", "--name", PREFIX + "down", image, "true").exitCode()).isZero();
        CommandResult notRunning = docker("run", "--rm", "--network", "container:" + PREFIX + "down", image, "true");
        assertThat(notRunning.exitCode()).isNotZero();
        assertThat(notRunning.stderr()).contains("cannot join network namespace of a non running container");
    }
}
