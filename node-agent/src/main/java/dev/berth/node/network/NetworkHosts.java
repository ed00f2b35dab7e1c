package dev.berth.node.network;

import dev.berth.node.bundle.Bundles;
import dev.berth.node.state.Container;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Each running container's /etc/hosts: a line of its own for each of its networks' addresses,
 * then, on user-defined networks, a line for each other member (its address, then its names:
 * container name, aliases, short id), rewritten whenever a run joins or leaves one. Docker
 * answers the same names from its embedded DNS server; a hosts file serves every resolver without
 * a daemon. On the default bridge members do not find each other by name, as on Docker: a join
 * there writes the joining container's file only.
 */
@Component
public class NetworkHosts {

    private static final Logger log = LoggerFactory.getLogger(NetworkHosts.class);

    /** {@code ownLines}: lines of this member's file only (its --link targets on that network). */
    private record Member(Container container, String address, List<String> names, List<String> ownLines) {
        String line() {
            return address + "\t" + String.join(" ", names);
        }
    }

    private final Bundles bundles;
    /** network id → container id → member, in joining order. */
    private final Map<String, Map<String, Member>> networks = new HashMap<>();
    /** The networks whose members find each other by name. */
    private final Set<String> named = new HashSet<>();
    /** container id → the networks it is on, in the order it joined them (its first network first). */
    private final Map<String, List<String>> joined = new HashMap<>();

    public NetworkHosts(Bundles bundles) {
        this.bundles = bundles;
    }

    /**
     * The run is on the network at {@code address}: its own file gets the address, and with
     * {@code byName} every other member's file gets its names.
     */
    public synchronized void join(String networkId, boolean byName, Container container, String address,
            List<String> names, List<String> ownLines) {
        networks.computeIfAbsent(networkId, id -> new LinkedHashMap<>())
                .put(container.id(), new Member(container, address, List.copyOf(names), List.copyOf(ownLines)));
        List<String> order = joined.computeIfAbsent(container.id(), id -> new ArrayList<>());
        if (!order.contains(networkId)) {
            order.add(networkId);
        }
        if (byName) {
            named.add(networkId);
            rewriteMembers(networkId);
        } else {
            rewrite(container.id());
        }
    }

    /**
     * The run left the network (its end, a failed start, a removal, a disconnect): the others
     * forget it, and its own file, if it stays on other networks, loses the address.
     */
    public synchronized void leave(String networkId, String containerId) {
        Map<String, Member> members = networks.get(networkId);
        if (members == null || members.remove(containerId) == null) {
            return;
        }
        List<String> order = joined.get(containerId);
        if (order != null) {
            order.remove(networkId);
            if (order.isEmpty()) {
                joined.remove(containerId);
            }
        }
        if (members.isEmpty()) {
            networks.remove(networkId);
            named.remove(networkId);
        } else if (named.contains(networkId)) {
            rewriteMembers(networkId);
        }
        if (joined.containsKey(containerId)) {
            rewrite(containerId);
        }
    }

    private void rewriteMembers(String networkId) {
        for (String containerId : List.copyOf(networks.get(networkId).keySet())) {
            rewrite(containerId);
        }
    }

    private void rewrite(String containerId) {
        Container container = null;
        List<String> addresses = new ArrayList<>();
        List<String> peers = new ArrayList<>();
        List<String> ownLines = new ArrayList<>();
        for (String networkId : joined.getOrDefault(containerId, List.of())) {
            Map<String, Member> members = networks.get(networkId);
            Member self = members.get(containerId);
            container = self.container();
            addresses.add(self.address());
            ownLines.addAll(self.ownLines());
            if (named.contains(networkId)) {
                for (Member other : members.values()) {
                    if (other != self) {
                        peers.add(other.line());
                    }
                }
            }
        }
        if (container == null) {
            return;
        }
        peers.addAll(ownLines);
        try {
            bundles.writeHosts(container, addresses, peers);
        } catch (IOException e) {
            // A member whose bundle is going away (removed at this moment) misses the update only.
            log.warn("cannot write /etc/hosts of {}: {}", containerId, e.getMessage());
        }
    }
}
