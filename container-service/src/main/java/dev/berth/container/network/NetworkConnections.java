package dev.berth.container.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import dev.berth.common.error.BerthException;
import dev.berth.container.events.EventPublisher;
import dev.berth.container.lifecycle.ContainerGuard;
import dev.berth.container.lifecycle.State;
import dev.berth.container.lifecycle.StateStore;
import dev.berth.container.lookup.ContainerLookup;
import dev.berth.container.node.NodeRegistry;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.ProtoJson;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.NetworkAttachment;
import dev.berth.proto.v1.NetworkEndpoint;
import dev.berth.proto.v1.NetworkState;
import dev.berth.proto.v1.NodeConnectRequest;
import dev.berth.proto.v1.NodeDisconnectRequest;

/**
 * `docker network connect` and `disconnect`: the network is kept in the container's config
 * (HostConfig.connected_networks), so that every start joins it, and joined or left at once by a
 * running container, on an interface of its own. Under the container's guard, so that a stop or
 * another connect does not interleave. Docker's words for what cannot be connected.
 */
@Component
public class NetworkConnections {

    private final NetworkCatalog catalog;
    private final ContainerLookup containers;
    private final ContainerGuard guard;
    private final StateStore store;
    private final NodeRegistry nodes;
    private final NetworkAttachments attachments;
    private final EventPublisher events;

    public NetworkConnections(NetworkCatalog catalog, ContainerLookup containers, ContainerGuard guard,
            StateStore store, NodeRegistry nodes, NetworkAttachments attachments, EventPublisher events) {
        this.catalog = catalog;
        this.containers = containers;
        this.guard = guard;
        this.store = store;
        this.nodes = nodes;
        this.attachments = attachments;
        this.events = events;
    }

    public void connect(String networkRef, String containerRef, List<String> aliases, List<String> links) {
        NetworkRow network = catalog.find(networkRef);
        String id = containers.resolve(containerRef).id();
        guard.run(id, () -> {
            ContainerRow row = containers.current(id).orElseThrow(() -> ContainerLookup.noSuchContainer(containerRef));
            HostConfig host = ProtoJson.readHostConfig(row.hostConfig());
            checkCanJoin(host.getNetworkMode(), network);
            if (isModeNetwork(host.getNetworkMode(), network) || endpointOf(host, network) >= 0) {
                throw BerthException.forbidden("endpoint with name " + row.name() + " already exists in network "
                        + network.name());
            }
            if (!aliases.isEmpty() && network.builtin()) {
                throw BerthException.invalid("network-scoped alias is supported only for containers in user defined networks");
            }
            for (String alias : aliases) {
                NetworkNames.checkAlias(alias);
            }
            HostConfig connected = host.toBuilder().addConnectedNetworks(NetworkEndpoint.newBuilder()
                    .setNetwork(network.name()).setNetworkId(network.id())
                    .addAllAliases(aliases).addAllLinks(links)).build();
            ContainerRow next = row.withHostConfig(ProtoJson.write(connected));
            if (runs(row)) {
                NetworkAttachment attachment = attachments.attachment(row, network, aliases, links);
                NetworkState joined = nodes.blocking(row.nodeId()).withDeadlineAfter(1, TimeUnit.MINUTES)
                        .connectNetwork(NodeConnectRequest.newBuilder().setContainerId(row.id())
                                .setNetwork(attachment).build());
                NetworkState run = ProtoJson.readNetwork(row.network());
                NetworkState.Builder networks = run == null ? NetworkState.newBuilder() : run.toBuilder();
                next = next.withNetwork(ProtoJson.write(networks.addConnected(joined).build()));
            } else {
                // Docker's check at connect: an unknown --link target is an error now, not at start.
                attachments.attachment(row, network, aliases, List.of());
            }
            store.save(next);
            events.publish("network", "connect", network.id(),
                    Map.of("container", row.id(), "name", network.name(), "type", network.driver()));
        });
    }

    public void disconnect(String networkRef, String containerRef) {
        NetworkRow network = catalog.find(networkRef);
        String id = containers.resolve(containerRef).id();
        guard.run(id, () -> {
            ContainerRow row = containers.current(id).orElseThrow(() -> ContainerLookup.noSuchContainer(containerRef));
            HostConfig host = ProtoJson.readHostConfig(row.hostConfig());
            if (network.name().equals("host") || host.getNetworkMode().equals("host")) {
                throw BerthException.invalid("container cannot be disconnected from host network or connected to host network");
            }
            if (isModeNetwork(host.getNetworkMode(), network)) {
                throw BerthException.invalid("Berth does not support disconnecting a container from the network of "
                        + "its NetworkMode (" + network.name() + ") yet; only from those it was connected to");
            }
            int index = endpointOf(host, network);
            if (index < 0) {
                throw BerthException.precondition("container " + row.id() + " is not connected to network "
                        + network.name());
            }
            ContainerRow next = row.withHostConfig(ProtoJson.write(host.toBuilder().removeConnectedNetworks(index).build()));
            NetworkState run = ProtoJson.readNetwork(row.network());
            if (runs(row) && run != null) {
                nodes.blocking(row.nodeId()).withDeadlineAfter(1, TimeUnit.MINUTES).disconnectNetwork(
                        NodeDisconnectRequest.newBuilder().setContainerId(row.id()).setNetworkId(network.id()).build());
                List<NetworkState> kept = new ArrayList<>(run.getConnectedList());
                kept.removeIf(state -> state.getNetworkId().equals(network.id()));
                next = next.withNetwork(ProtoJson.write(run.toBuilder().clearConnected().addAllConnected(kept).build()));
            }
            store.save(next);
            events.publish("network", "disconnect", network.id(),
                    Map.of("container", row.id(), "name", network.name(), "type", network.driver()));
        });
    }

    /** Docker's refusals: the host's network and none take no second network, a shared namespace none at all. */
    private static void checkCanJoin(String mode, NetworkRow network) {
        if (mode.startsWith("container:")) {
            throw BerthException.invalid(
                    "container sharing network namespace with another container or host cannot be connected to any other network");
        }
        if (mode.equals("host") || network.name().equals("host")) {
            throw BerthException.invalid("container cannot be disconnected from host network or connected to host network");
        }
        if (mode.equals("none") || network.name().equals("none")) {
            throw BerthException.invalid(
                    "container cannot be connected to multiple networks with one of the networks in private (none) mode");
        }
    }

    /** Whether NetworkMode names {@code network}: "default" and "" are the default bridge. */
    static boolean isModeNetwork(String mode, NetworkRow network) {
        String name = mode.isEmpty() || mode.equals("default") ? "bridge" : mode;
        return name.equals(network.name()) || name.equals(network.id());
    }

    private static int endpointOf(HostConfig host, NetworkRow network) {
        List<NetworkEndpoint> endpoints = host.getConnectedNetworksList();
        for (int i = 0; i < endpoints.size(); i++) {
            NetworkEndpoint endpoint = endpoints.get(i);
            if (endpoint.getNetworkId().equals(network.id()) || endpoint.getNetwork().equals(network.name())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean runs(ContainerRow row) {
        State state = State.of(row.status());
        return state == State.RUNNING || state == State.PAUSED;
    }
}
