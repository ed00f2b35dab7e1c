package dev.berth.node.network;

import dev.berth.common.net.HostRoutes;
import dev.berth.common.net.Ipv4Subnet;
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

    /** The default network's wiring; {@code networkId} is container-service's id for it, when given. */
    public BridgePlan plan(String networkId) {
        return new BridgePlan(NAME, networkId == null || networkId.isEmpty() ? id : networkId, NAME, bridgeName,
                subnet, subnet.gateway());
    }

    /** Where host-local keeps the addresses of every network of this node, one directory each. */
    public Path ipamDir() {
        return ipamDir;
    }
}
