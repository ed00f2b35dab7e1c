package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker network connect and disconnect through the CLI: a running container joins a second
 * network on eth1 (its peers there find it by name and --alias, its default route stays on its
 * first network) and leaves it again; a stopped one joins at its next starts; `docker run` with
 * two --network flags; Docker's refusals.
 */
class NetworkConnectE2ETest {

    private static final String PREFIX = "e2e-conn-";
    private static String image;

    @BeforeAll
    static void setUp() {
        image = TestImages.busybox();
        ok("network", "create", PREFIX + "front");
        ok("network", "create", PREFIX + "back");
    }

    @AfterAll
    static void cleanUp() {
        docker("rm", "-f", PREFIX + "api", PREFIX + "db", PREFIX + "late", PREFIX + "both", PREFIX + "host",
                PREFIX + "none");
        docker("network", "rm", PREFIX + "front", PREFIX + "back");
    }

    private static String ok(String... args) {
        CommandResult result = docker(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.stdout().trim();
    }

    private static String address(String container, String network) {
        return ok("inspect", "--format", "{{(index .NetworkSettings.Networks \"" + network + "\").IPAddress}}", container);
    }

    @Test
    void aRunningContainer_joinsASecondNetwork_isFoundThere_andLeavesIt() {
        long since = System.currentTimeMillis() / 1000 - 1;
        String api = ok("run", "-d", "--name", PREFIX + "api", "--network", PREFIX + "front", image, "sleep", "300");
        String db = ok("run", "-d", "--name", PREFIX + "db", "--network", PREFIX + "back", image, "sleep", "300");

        ok("network", "connect", "--alias", "gateway", PREFIX + "back", PREFIX + "api");
        String backAddress = address(api, PREFIX + "back");
        String frontAddress = address(api, PREFIX + "front");
        assertThat(backAddress).isNotEmpty().isNotEqualTo(frontAddress);
        assertThat(ok("exec", api, "ip", "-4", "addr", "show", "eth1")).contains(backAddress + "/");
        assertThat(ok("exec", api, "ip", "route").lines().filter(line -> line.startsWith("default")))
                .as("the default route stays on the first network").singleElement().asString().contains("eth0");

        CommandResult fromDb = docker("exec", db, "ping", "-c", "1", "-W", "5", PREFIX + "api");
        assertThat(fromDb.exitCode()).as(fromDb.toString()).isZero();
        assertThat(fromDb.stdout()).contains(backAddress);
        CommandResult byAlias = docker("exec", db, "ping", "-c", "1", "-W", "5", "gateway");
        assertThat(byAlias.exitCode()).as(byAlias.toString()).isZero();
        CommandResult fromApi = docker("exec", api, "ping", "-c", "1", "-W", "5", PREFIX + "db");
        assertThat(fromApi.exitCode()).as(fromApi.toString()).isZero();
        assertThat(ok("exec", api, "cat", "/etc/hosts")).contains(frontAddress + "\t").contains(backAddress + "\t");

        assertThat(ok("network", "inspect", "--format", "{{range .Containers}}{{.Name}} {{end}}", PREFIX + "back").split(" "))
                .containsExactlyInAnyOrder(PREFIX + "api", PREFIX + "db");
        assertThat(ok("ps", "--filter", "network=" + PREFIX + "back", "--format", "{{.Names}}").lines())
                .containsExactlyInAnyOrder(PREFIX + "api", PREFIX + "db");
        assertThat(ok("inspect", "--format", "{{json (index .NetworkSettings.Networks \"" + PREFIX + "back\").Aliases}}", api))
                .contains("\"gateway\"");

        CommandResult again = docker("network", "connect", PREFIX + "back", PREFIX + "api");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.stderr()).contains("endpoint with name " + PREFIX + "api already exists in network " + PREFIX + "back");

        ok("network", "disconnect", PREFIX + "back", PREFIX + "api");
        assertThat(docker("exec", api, "ip", "addr", "show", "eth1").exitCode()).as("eth1 is gone").isNotZero();
        assertThat(docker("exec", db, "ping", "-c", "1", "-W", "1", PREFIX + "api").exitCode())
                .as("db no longer finds api").isNotZero();
        assertThat(ok("exec", api, "cat", "/etc/hosts")).doesNotContain(backAddress);
        assertThat(ok("inspect", "--format", "{{range $name, $v := .NetworkSettings.Networks}}{{$name}} {{end}}", api))
                .isEqualTo(PREFIX + "front");
        CommandResult notOn = docker("network", "disconnect", PREFIX + "back", PREFIX + "api");
        assertThat(notOn.stderr()).contains("is not connected to network " + PREFIX + "back");

        String networkId = ok("network", "inspect", "--format", "{{.Id}}", PREFIX + "back");
        String events = ok("events", "--since", Long.toString(since), "--until",
                Long.toString(System.currentTimeMillis() / 1000 + 1), "--filter", "type=network",
                "--filter", "network=" + networkId, "--filter", "event=connect", "--filter", "event=disconnect",
                "--format", "{{.Action}} {{.Actor.Attributes.container}}");
        assertThat(events.lines()).containsExactly("connect " + api, "disconnect " + api);
    }

    @Test
    void aStoppedContainer_joinsAtEveryStart() {
        String late = ok("create", "--name", PREFIX + "late", "--network", PREFIX + "front", image, "sleep", "300");
        ok("network", "connect", PREFIX + "back", late);
        assertThat(ok("inspect", "--format", "{{range $name, $v := .NetworkSettings.Networks}}{{$name}} {{end}}", late)
                .split(" ")).containsExactlyInAnyOrder(PREFIX + "front", PREFIX + "back");
        assertThat(address(late, PREFIX + "back")).as("no address before it runs").isEmpty();

        for (int run = 0; run < 2; run++) {
            ok("start", late);
            String backAddress = address(late, PREFIX + "back");
            assertThat(ok("exec", late, "ip", "-4", "addr", "show", "eth1")).contains(backAddress + "/");
            CommandResult found = docker("run", "--rm", "--network", PREFIX + "back", image, "ping", "-c", "1", "-W", "5",
                    PREFIX + "late");
            assertThat(found.exitCode()).as(found.toString()).isZero();
            assertThat(found.stdout()).contains(backAddress);
            ok("stop", "-t", "0", late);
        }
        ok("network", "disconnect", PREFIX + "back", late);
        ok("start", late);
        assertThat(docker("exec", late, "ip", "addr", "show", "eth1").exitCode()).isNotZero();
        ok("rm", "-f", late);
    }

    @Test
    void run_withTwoNetworkFlags_isOnBoth() {
        String both = ok("run", "-d", "--name", PREFIX + "both", "--network", PREFIX + "front", "--network",
                PREFIX + "back", image, "sleep", "300");
        String front = address(both, PREFIX + "front");
        String back = address(both, PREFIX + "back");
        assertThat(front).isNotEmpty();
        assertThat(back).isNotEmpty();
        String addresses = ok("exec", both, "ip", "-4", "addr");
        assertThat(addresses).contains(front + "/").contains(back + "/");
        ok("rm", "-f", both);
    }

    @Test
    void dockerRefusals_inDockersWords() {
        ok("run", "-d", "--name", PREFIX + "host", "--network", "host", image, "sleep", "300");
        assertThat(docker("network", "connect", PREFIX + "back", PREFIX + "host").stderr())
                .contains("container cannot be disconnected from host network or connected to host network");
        ok("run", "-d", "--name", PREFIX + "none", "--network", "none", image, "sleep", "300");
        assertThat(docker("network", "connect", PREFIX + "back", PREFIX + "none").stderr())
                .contains("container cannot be connected to multiple networks with one of the networks in private (none) mode");
        assertThat(docker("network", "connect", PREFIX + "nosuch", PREFIX + "none").stderr())
                .contains("network " + PREFIX + "nosuch not found");
        assertThat(docker("network", "connect", PREFIX + "back", PREFIX + "nosuch").stderr())
                .contains("No such container: " + PREFIX + "nosuch");
        assertThat(docker("network", "connect", "--ip", "10.1.2.3", PREFIX + "back", PREFIX + "none").stderr())
                .contains("--ip");
        assertThat(docker("network", "disconnect", "host", PREFIX + "host").stderr())
                .contains("container cannot be disconnected from host network or connected to host network");
        assertThat(docker("network", "disconnect", "none", PREFIX + "none").stderr())
                .contains("Berth does not support disconnecting a container from the network of its NetworkMode");
        assertThat(docker("inspect", "--format", "{{json .HostConfig.NetworkMode}}", PREFIX + "none").stdout().trim())
                .isEqualTo("\"none\"");
        docker("rm", "-f", PREFIX + "host", PREFIX + "none");
    }
}
