package dev.berth.node.network;

import dev.berth.node.bundle.Bundles;
import dev.berth.node.config.NodeProperties;
import dev.berth.node.state.Container;
import dev.berth.node.state.ContainerState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Each container's /etc/hosts across the networks it is on, as runs join and leave them. */
class NetworkHostsTest {

    @TempDir
    Path dir;

    private NetworkHosts hosts;

    @BeforeEach
    void setUp() {
        NodeProperties properties = new NodeProperties(dir, dir.resolve("run"), 1, 1, "runc", "conmon",
                Duration.ofSeconds(1), "local", "127.0.0.1:1", dir.resolve("init"));
        hosts = new NetworkHosts(new Bundles(properties, null, null));
    }

    private Container container(String id) throws IOException {
        Path bundle = Files.createDirectories(dir.resolve(id));
        Files.write(bundle.resolve("hosts"), List.of("127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost", "\t" + id));
        return new Container(ContainerState.created(id, false, false, "SIGTERM"), bundle, bundle, bundle);
    }

    private List<String> fileOf(Container container) throws IOException {
        return Files.readAllLines(container.hostsFile());
    }

    @Test
    void aMemberOfTwoNetworks_hasAnAddressLineForEach_andFindsThePeersOfBoth() throws IOException {
        Container web = container("web");
        Container db = container("db");
        Container cache = container("cache");
        hosts.join("front", true, web, "10.1.0.2", List.of("web"), List.of());
        hosts.join("back", true, db, "10.2.0.2", List.of("db"), List.of());
        hosts.join("front", true, cache, "10.1.0.3", List.of("cache"), List.of());
        hosts.join("back", true, web, "10.2.0.3", List.of("web", "gateway"), List.of());

        assertThat(fileOf(web)).containsExactly("127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost",
                "10.1.0.2\tweb", "10.2.0.3\tweb", "10.1.0.3\tcache", "10.2.0.2\tdb");
        assertThat(fileOf(db)).contains("10.2.0.3\tweb gateway").doesNotContain("10.1.0.3\tcache");
        assertThat(fileOf(cache)).contains("10.1.0.2\tweb").doesNotContain("10.2.0.2\tdb");

        hosts.leave("back", "web");
        assertThat(fileOf(web)).as("its own file loses the address and the peers of that network")
                .containsExactly("127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost", "10.1.0.2\tweb", "10.1.0.3\tcache");
        assertThat(fileOf(db)).doesNotContain("10.2.0.3\tweb gateway");
    }

    @Test
    void onTheDefaultBridge_membersDoNotFindEachOther_butAUserNetworkMemberKeepsItsBridgeAddress() throws IOException {
        Container a = container("a");
        Container b = container("b");
        hosts.join("bridge", false, a, "172.17.0.2", List.of(), List.of());
        hosts.join("bridge", false, b, "172.17.0.3", List.of(), List.of());
        assertThat(fileOf(a)).containsExactly("127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost", "172.17.0.2\ta");

        hosts.join("app", true, a, "10.3.0.2", List.of("a"), List.of("10.3.0.9\tlinked"));
        assertThat(fileOf(a)).containsExactly("127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost",
                "172.17.0.2\ta", "10.3.0.2\ta", "10.3.0.9\tlinked");
        assertThat(fileOf(b)).doesNotContain("10.3.0.2\ta");
    }
}
