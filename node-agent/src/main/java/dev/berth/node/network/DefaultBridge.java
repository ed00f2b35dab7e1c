package dev.berth.node.network;

import dev.berth.node.config.NodeProperties;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Docker's default network, "bridge": one host bridge, one subnet. The subnet is chosen once from
 * the configured pools (the first that clashes with none of the host's routes) and kept with the
 * network's id, so that addresses and ids stay the same across restarts of the agent.
 */
@Component
public class DefaultBridge {

    public static final String NAME = "bridge";
    private static final Logger log = LoggerFactory.getLogger(DefaultBridge.class);

    private final String id;
    private final Ipv4Subnet subnet;
    private final String bridgeName;
    private final Path ipamDir;
    private final JsonMapper json = JsonMapper.builder().build();

    public DefaultBridge(NodeProperties node, NetworkProperties network) {
        Path dir = node.root().resolve("networks");
        this.ipamDir = dir.resolve("ipam");
        this.bridgeName = network.bridgeName();
        Path file = dir.resolve("bridge.properties");
        try {
            Properties kept = new Properties();
            if (Files.exists(file)) {
                try (var in = Files.newInputStream(file)) {
                    kept.load(in);
                }
            } else {
                kept.setProperty("id", RandomIds.next());
                Ipv4Subnet existing = bridgeSubnet(network.bridgeName());
                kept.setProperty("subnet", (existing != null ? existing
                        : choose(network.pools(), HostRoutes.read())).toString());
                Files.createDirectories(dir);
                Path tmp = dir.resolve("bridge.properties.tmp");
                try (var out = Files.newOutputStream(tmp)) {
                    kept.store(out, "the default network: chosen once, kept");
                }
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            this.id = kept.getProperty("id");
            Ipv4Subnet keptSubnet = Ipv4Subnet.parse(kept.getProperty("subnet"));
            Ipv4Subnet existing = bridgeSubnet(bridgeName);
            if (existing != null && !existing.equals(keptSubnet)) {
                // The host's bridge is what containers are wired to: its subnet wins over a stale record.
                log.warn("bridge {} is on {}, not {} as recorded in {}: using {}", bridgeName, existing, keptSubnet,
                        file, existing);
            }
            this.subnet = existing != null ? existing : keptSubnet;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the default network's settings in " + file, e);
        }
        log.info("default network bridge: {} on {}", subnet, bridgeName);
    }

    /** The IPv4 subnet of the host's bridge if it exists already (a node restarted); null otherwise. */
    static Ipv4Subnet bridgeSubnet(String name) {
        try {
            NetworkInterface bridge = NetworkInterface.getByName(name);
            if (bridge == null) {
                return null;
            }
            for (InterfaceAddress address : bridge.getInterfaceAddresses()) {
                if (address.getAddress() instanceof Inet4Address v4) {
                    return new Ipv4Subnet(Ipv4Subnet.address(v4.getHostAddress()), address.getNetworkPrefixLength());
                }
            }
            return null;
        } catch (SocketException e) {
            return null;
        }
    }

    /** The first pool that overlaps none of the routes. */
    static Ipv4Subnet choose(List<String> pools, List<Ipv4Subnet> routes) {
        for (String pool : pools) {
            Ipv4Subnet candidate = Ipv4Subnet.parse(pool);
            if (routes.stream().noneMatch(candidate::overlaps)) {
                return candidate;
            }
        }
        throw new IllegalStateException("every address pool of berth.node.network.pools " + pools
                + " clashes with a route of this host");
    }

    public String id() {
        return id;
    }

    public Ipv4Subnet subnet() {
        return subnet;
    }

    /** The bridge plugin's config: the host bridge as gateway, masquerading out, host-local addresses. */
    public byte[] bridgeConfig() {
        ObjectNode conf = header("bridge");
        conf.put("bridge", bridgeName).put("isGateway", true).put("ipMasq", true).put("hairpinMode", true);
        ObjectNode ipam = conf.putObject("ipam").put("type", "host-local").put("dataDir", ipamDir.toString());
        ipam.putArray("ranges").addArray().addObject()
                .put("subnet", subnet.toString()).put("gateway", subnet.gateway());
        ipam.putArray("routes").addObject().put("dst", "0.0.0.0/0");
        return json.writeValueAsBytes(conf);
    }

    /**
     * The firewall plugin's config after the bridge's result: lets the container's traffic through
     * the host's FORWARD chain even where its policy is DROP (as dockerd leaves it).
     */
    public byte[] firewallConfig(String bridgeResult) {
        ObjectNode conf = header("firewall").put("backend", "iptables");
        conf.set("prevResult", json.readTree(bridgeResult));
        return json.writeValueAsBytes(conf);
    }

    private ObjectNode header(String type) {
        return json.createObjectNode().put("cniVersion", "1.0.0").put("name", NAME).put("type", type);
    }
}
