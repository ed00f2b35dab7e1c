package dev.berth.node.network;

import dev.berth.common.error.BerthException;
import dev.berth.node.command.ExternalCommand;
import dev.berth.node.nativ.Trees;
import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a user-defined network leaves on a node once its last member is gone: its host bridge
 * (the CNI bridge plugin makes it on the first join and never deletes it) and host-local's
 * address records. Removed with the network.
 */
@Component
public class NetworkBridges {

    private static final Logger log = LoggerFactory.getLogger(NetworkBridges.class);
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    private final DefaultBridge defaultBridge;

    public NetworkBridges(DefaultBridge defaultBridge) {
        this.defaultBridge = defaultBridge;
    }

    public void remove(String networkId) {
        if (!ID.matcher(networkId).matches()) {
            throw BerthException.invalid("not a network id: " + networkId);
        }
        String bridge = BridgePlan.bridgeOf(networkId);
        if (exists(bridge)) {
            ExternalCommand.Result deleted = ExternalCommand.of(Duration.ofSeconds(10),
                    List.of("ip", "link", "delete", bridge, "type", "bridge")).run();
            if (!deleted.ok() && exists(bridge)) {
                throw BerthException.internal("cannot delete bridge " + bridge + ": " + deleted.output(), null);
            }
        }
        Path ipam = defaultBridge.ipamDir().resolve(networkId);
        try {
            Trees.deleteRecursively(ipam);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", ipam, e.getMessage());
        }
        log.info("network {} removed: bridge {} gone", networkId, bridge);
    }

    private static boolean exists(String name) {
        try {
            return NetworkInterface.getByName(name) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
