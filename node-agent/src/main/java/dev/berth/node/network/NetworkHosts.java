package dev.berth.node.network;

import dev.berth.node.bundle.Bundles;
import dev.berth.node.state.Container;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Name resolution on user-defined networks, kept in each member's /etc/hosts: when a run joins
 * or leaves a network, every member's file is written again with a line for each other member
 * (its address, then its names: container name, aliases, short id). Docker answers the same
 * names from its embedded DNS server; a hosts file serves every resolver without a daemon.
 */
@Component
public class NetworkHosts {

    private static final Logger log = LoggerFactory.getLogger(NetworkHosts.class);

    /** {@code ownLines}: lines of this member's file only (its --link targets). */
    private record Member(Container container, String address, List<String> names, List<String> ownLines) {
        String line() {
            return address + "\t" + String.join(" ", names);
        }
    }

    private final Bundles bundles;
    /** network id → container id → member, in joining order. */
    private final Map<String, Map<String, Member>> networks = new HashMap<>();

    public NetworkHosts(Bundles bundles) {
        this.bundles = bundles;
    }

    /** The run is on the network at {@code address}: its own file and every other member's get the news. */
    public synchronized void join(String networkId, Container container, String address, List<String> names,
            List<String> ownLines) {
        networks.computeIfAbsent(networkId, id -> new LinkedHashMap<>())
                .put(container.id(), new Member(container, address, List.copyOf(names), List.copyOf(ownLines)));
        rewrite(networkId);
    }

    /** The run left the network (its end, a failed start, a removal): the others forget it. */
    public synchronized void leave(String networkId, String containerId) {
        Map<String, Member> members = networks.get(networkId);
        if (members == null || members.remove(containerId) == null) {
            return;
        }
        if (members.isEmpty()) {
            networks.remove(networkId);
        } else {
            rewrite(networkId);
        }
    }

    private void rewrite(String networkId) {
        Map<String, Member> members = networks.get(networkId);
        for (Member member : members.values()) {
            List<String> peers = new ArrayList<>();
            for (Member other : members.values()) {
                if (other != member) {
                    peers.add(other.line());
                }
            }
            peers.addAll(member.ownLines());
            try {
                bundles.writeHosts(member.container(), member.address(), peers);
            } catch (IOException e) {
                // A member whose bundle is going away (removed at this moment) misses the update only.
                log.warn("cannot write /etc/hosts of {}: {}", member.container().id(), e.getMessage());
            }
        }
    }
}
