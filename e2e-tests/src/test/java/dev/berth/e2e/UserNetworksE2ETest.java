package dev.berth.e2e;

import dev.berth.e2e.support.CommandResult;
import dev.berth.e2e.support.Commands;
import dev.berth.e2e.support.TestImages;
import dev.berth.e2e.support.Waits;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.berth.e2e.support.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * User-defined bridge networks through the docker CLI: create (subnet, gateway, labels), ls,
 * inspect, rm (refused while in use), prune; containers on one find each other by name and alias
 * through /etc/hosts kept current; Docker's errors for what is refused.
 */
class UserNetworksE2ETest {

    private static final String PREFIX = "e2e-unet-";
    private static String image;

    @BeforeAll
    static void importImage() {
        image = TestImages.busybox();
    }

    @AfterAll
    static void cleanUp() {
        docker("rm", "-f", PREFIX + "db", PREFIX + "web", PREFIX + "late", PREFIX + "used");
        docker("network", "rm", PREFIX + "app", PREFIX + "fixed", PREFIX + "gone", PREFIX + "keep", PREFIX + "old",
                PREFIX + "busy");
    }

    private static String ok(String... args) {
        CommandResult result = docker(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.stdout().trim();
    }

    @Test
    void create_inspect_ls_andDockerErrors() {
        long since = System.currentTimeMillis() / 1000 - 1;
        String id = ok("network", "create", "--subnet", "10.199.0.0/24", "--gateway", "10.199.0.254",
                "--label", "team=e2e", PREFIX + "fixed");
        assertThat(id).matches("[0-9a-f]{64}");
        assertThat(ok("network", "inspect", "--format",
                "{{.Name}} {{.Driver}} {{.Scope}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}} {{.Labels.team}}",
                id.substring(0, 12))).isEqualTo(PREFIX + "fixed bridge local 10.199.0.0/24 10.199.0.254 e2e");
        assertThat(ok("network", "ls", "--filter", "label=team=e2e", "--format", "{{.Name}}")).isEqualTo(PREFIX + "fixed");
        assertThat(ok("network", "ls", "--filter", "type=builtin", "--format", "{{.Name}}").lines())
                .containsExactlyInAnyOrder("bridge", "host", "none");

        CommandResult again = docker("network", "create", PREFIX + "fixed");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.stderr()).contains("network with name " + PREFIX + "fixed already exists");
        CommandResult overlap = docker("network", "create", "--subnet", "10.199.0.128/25", PREFIX + "clash");
        assertThat(overlap.stderr()).contains("Pool overlaps with other one on this address space");
        CommandResult gateway = docker("network", "create", "--subnet", "10.198.0.0/24", "--gateway", "10.1.1.1",
                PREFIX + "clash");
        assertThat(gateway.stderr()).contains("no matching subnet for gateway 10.1.1.1");
        CommandResult internal = docker("network", "create", "--internal", PREFIX + "clash");
        assertThat(internal.stderr()).contains("does not support --internal");
        assertThat(docker("network", "ls", "--format", "{{.Name}}").stdout()).doesNotContain(PREFIX + "clash");

        CommandResult builtin = docker("network", "rm", "bridge");
        assertThat(builtin.stderr()).contains("bridge is a pre-defined network and cannot be removed");
        CommandResult missing = docker("network", "inspect", PREFIX + "nosuch");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("network " + PREFIX + "nosuch not found");

        ok("network", "rm", PREFIX + "fixed");
        assertThat(docker("network", "inspect", id).exitCode()).isNotZero();

        String events = ok("events", "--since", Long.toString(since), "--until", Long.toString(System.currentTimeMillis() / 1000 + 1),
                "--filter", "type=network", "--filter", "network=" + id, "--format", "{{.Action}} {{.Actor.Attributes.name}}");
        assertThat(events.lines()).containsExactly("create " + PREFIX + "fixed", "destroy " + PREFIX + "fixed");
    }

    @Test
    void members_findEachOtherByNameAndAlias_andLeaveNoTraceWhenGone() {
        String networkId = ok("network", "create", PREFIX + "app");
        String subnet = ok("network", "inspect", "--format", "{{range .IPAM.Config}}{{.Subnet}}{{end}}", networkId);
        String db = ok("run", "-d", "--name", PREFIX + "db", "--network", PREFIX + "app", "--network-alias", "database",
                image, "sleep", "300");
        String web = ok("run", "-d", "--name", PREFIX + "web", "--network", PREFIX + "app", "-p", "127.0.0.1::8080", image,
                "sh", "-c", "echo served > /www; exec httpd -f -p 8080 -h /");

        String dbAddress = ok("inspect", "--format", "{{(index .NetworkSettings.Networks \"" + PREFIX + "app\").IPAddress}}", db);
        assertThat(inSubnet(dbAddress, subnet)).as(dbAddress + " in " + subnet).isTrue();
        assertThat(ok("inspect", "--format", "{{json (index .NetworkSettings.Networks \"" + PREFIX + "app\").Aliases}}", db))
                .contains("\"database\"").contains("\"" + db.substring(0, 12) + "\"");
        assertThat(ok("inspect", "--format", "{{(index .NetworkSettings.Networks \"" + PREFIX + "app\").NetworkID}}", db))
                .isEqualTo(networkId);

        CommandResult byName = docker("exec", web, "ping", "-c", "1", "-W", "5", PREFIX + "db");
        assertThat(byName.exitCode()).as(byName.toString()).isZero();
        assertThat(byName.stdout()).contains(dbAddress);
        // HTTP by name: busybox-static's wget crashes in containers (on Docker too), nc does not
        Waits.until("httpd of web answers db", Duration.ofSeconds(20), () -> docker("exec", db, "sh", "-c",
                "printf 'GET /www HTTP/1.0\\r\\n\\r\\n' | nc " + PREFIX + "web 8080").stdout().contains("served"));

        assertThat(ok("ps", "--filter", "network=" + PREFIX + "app", "--format", "{{.Names}}").lines())
                .containsExactlyInAnyOrder(PREFIX + "db", PREFIX + "web");
        assertThat(ok("ps", "--filter", "network=" + networkId, "--format", "{{.Names}}").lines())
                .containsExactlyInAnyOrder(PREFIX + "db", PREFIX + "web");
        assertThat(ok("ps", "--filter", "publish=8080", "--format", "{{.Names}}")).isEqualTo(PREFIX + "web");
        assertThat(ok("ps", "--filter", "publish=8081", "--format", "{{.Names}}")).isEmpty();

        CommandResult byAlias = docker("run", "--rm", "--network", PREFIX + "app", image, "ping", "-c", "1", "-W", "5", "database");
        assertThat(byAlias.exitCode()).as(byAlias.toString()).isZero();
        assertThat(byAlias.stdout()).contains(dbAddress);

        CommandResult linked = docker("run", "--rm", "--network", PREFIX + "app", "--link", PREFIX + "db:store", image,
                "sh", "-c", "ping -c 1 -W 5 store && cat /etc/hosts");
        assertThat(linked.exitCode()).as(linked.toString()).isZero();
        assertThat(linked.stdout()).contains(dbAddress + "\tstore " + PREFIX + "db");
        assertThat(ok("exec", web, "cat", "/etc/hosts")).as("a link is the linking container's only").doesNotContain("store");
        CommandResult bridgeLink = docker("run", "--rm", "--link", PREFIX + "db:store", image, "true");
        assertThat(bridgeLink.stderr()).contains("does not support --link (HostConfig.Links) on the default bridge");

        String members = ok("network", "inspect", "--format", "{{range .Containers}}{{.Name}} {{end}}", PREFIX + "app");
        assertThat(members.split(" ")).containsExactlyInAnyOrder(PREFIX + "db", PREFIX + "web");
        CommandResult inUse = docker("network", "rm", PREFIX + "app");
        assertThat(inUse.exitCode()).isNotZero();
        assertThat(inUse.stderr()).contains("has active endpoints");

        ok("rm", "-f", PREFIX + "db");
        assertThat(ok("exec", web, "cat", "/etc/hosts")).doesNotContain(PREFIX + "db").doesNotContain("database");
        ok("rm", "-f", PREFIX + "web");
        assertThat(ok("network", "inspect", "--format", "{{len .Containers}}", PREFIX + "app")).isEqualTo("0");

        ok("network", "rm", PREFIX + "app");
        CommandResult bridge = Commands.run(Duration.ofSeconds(10), "ip", "link", "show", "br-" + networkId.substring(0, 12));
        assertThat(bridge.exitCode()).as("the network's bridge is deleted with it").isNotZero();
    }

    @Test
    void unknownOrRemovedNetwork_isNotFoundAtStart_andAliasesNeedAUserNetwork() {
        CommandResult unknown = docker("run", "--rm", "--network", PREFIX + "nosuch", image, "true");
        assertThat(unknown.exitCode()).isEqualTo(125);
        assertThat(unknown.stderr()).contains("network " + PREFIX + "nosuch not found");

        ok("network", "create", PREFIX + "gone");
        ok("create", "--name", PREFIX + "late", "--network", PREFIX + "gone", image, "true");
        ok("network", "rm", PREFIX + "gone");
        CommandResult start = docker("start", PREFIX + "late");
        assertThat(start.exitCode()).isNotZero();
        assertThat(start.stderr()).contains("network " + PREFIX + "gone not found");

        CommandResult ip = docker("network", "create", PREFIX + "gone");
        assertThat(ip.exitCode()).as(ip.toString()).isZero();
        CommandResult fixedIp = docker("run", "--rm", "--network", PREFIX + "gone", "--ip", "10.0.0.9", image, "true");
        assertThat(fixedIp.stderr()).contains("does not support --ip");
    }

    @Test
    void prune_removesUnusedNetworksMatchingTheFilter_only() {
        ok("network", "create", "--label", "e2e-prune=yes", PREFIX + "old");
        ok("network", "create", "--label", "e2e-prune=no", PREFIX + "keep");
        ok("network", "create", "--label", "e2e-prune=yes", PREFIX + "busy");
        ok("run", "-d", "--name", PREFIX + "used", "--network", PREFIX + "busy", image, "sleep", "300");

        CommandResult pruned = docker("network", "prune", "-f", "--filter", "label=e2e-prune=yes");
        assertThat(pruned.exitCode()).as(pruned.toString()).isZero();
        assertThat(pruned.stdout()).contains(PREFIX + "old").doesNotContain(PREFIX + "keep").doesNotContain(PREFIX + "busy");
        String left = docker("network", "ls", "--format", "{{.Name}}").stdout();
        assertThat(left).doesNotContain(PREFIX + "old").contains(PREFIX + "keep").contains(PREFIX + "busy");
    }

    private static boolean inSubnet(String address, String cidr) {
        String[] parts = cidr.split("/");
        int prefix = Integer.parseInt(parts[1]);
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return (toLong(address) & mask) == (toLong(parts[0]) & mask);
    }

    private static long toLong(String dotted) {
        long value = 0;
        for (String part : dotted.split("\\.")) {
            value = value << 8 | Integer.parseInt(part);
        }
        return value;
    }
}
