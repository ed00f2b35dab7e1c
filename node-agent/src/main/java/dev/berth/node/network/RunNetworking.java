package dev.berth.node.network;

import dev.berth.common.net.HostRoutes;
import dev.berth.common.net.Ipv4Subnet;
import dev.berth.node.bundle.Bundles;
import dev.berth.node.ports.PortProxies;
import dev.berth.node.state.Container;
import dev.berth.node.state.ContainerStore;
import java.nio.file.Path;
import dev.berth.common.error.BerthException;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.NetworkAttachment;
import dev.berth.proto.v1.NetworkState;
import dev.berth.proto.v1.PortBinding;
import dev.berth.proto.v1.PublishedPort;
import java.io.IOException;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A run's network, from its start to its end: the container on its network, its /etc/hosts
 * (its own line, and its peers' on a user-defined network), its published ports; all taken down when the run ends, fails to start, or the container
 * goes. Callers hold the container's lock.
 */
@Component
public class RunNetworking {

    private static final Logger log = LoggerFactory.getLogger(RunNetworking.class);

    private final ContainerNetworks networks;
    private final PortProxies ports;
    private final Bundles bundles;
    private final DefaultBridge defaultBridge;
    private final NetworkHosts hosts;

    private final ContainerStore store;

    public RunNetworking(ContainerNetworks networks, PortProxies ports, Bundles bundles, DefaultBridge defaultBridge,
            NetworkHosts hosts, ContainerStore store) {
        this.store = store;
        this.networks = networks;
        this.ports = ports;
        this.bundles = bundles;
        this.defaultBridge = defaultBridge;
        this.hosts = hosts;
    }

    /**
     * Before the process starts; null on the host's network or none. {@code attachment} is the
     * network as container-service resolved it (null from one that predates networks: the default
     * bridge only). Nothing is left on failure.
     */
    public NetworkState connect(Container container, NetworkAttachment attachment) {
        HostConfig request = Bundles.networkRequest(container);
        NetworkMode mode = NetworkMode.of(request.getNetworkMode());
        if (mode == NetworkMode.CONTAINER) {
            joinNamespaceOf(container, attachment);
            return null;
        }
        if (!mode.onBridge()) {
            return null;
        }
        BridgePlan plan = planFor(mode, request.getNetworkMode(), attachment);
        List<String> aliases = mode == NetworkMode.USER ? attachment.getAliasesList() : List.of();
        List<String> ownHosts = mode == NetworkMode.USER ? attachment.getOwnHostsList() : List.of();
        NetworkState attached = networks.attach(container.id(), container.runDir(), plan).toBuilder()
                .addAllAliases(aliases).addAllOwnHosts(ownHosts).build();
        try {
            if (mode == NetworkMode.USER) {
                hosts.join(plan.networkId(), container, attached.getIpAddress(), aliases, ownHosts);
            } else {
                bundles.writeOwnAddress(container, attached.getIpAddress());
            }
            List<PublishedPort> published = ports.open(container.id(), request.getPortBindingsList(),
                    attached.getIpAddress());
            NetworkState state = attached.toBuilder().addAllPorts(published).build();
            networks.record(container.runDir(), state);
            return state;
        } catch (IOException | RuntimeException e) {
            disconnect(container);
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e);
        }
    }

    /** The network of the current run, as {@link #connect} recorded it; null if none. */
    public NetworkState current(Container container) {
        return networks.recorded(container.runDir());
    }

    /**
     * --network container:X: the run's config names X's network namespace (none at all for X on the
     * host's network), and takes X's hostname, /etc/hosts and /etc/resolv.conf, as Docker does.
     */
    private void joinNamespaceOf(Container container, NetworkAttachment attachment) {
        if (attachment == null || attachment.getContainerId().isEmpty()) {
            throw BerthException.invalid("the container to share the network of was not given");
        }
        Container other = store.get(attachment.getContainerId());
        if (!other.state().isRunning()) {
            throw BerthException.precondition("cannot join network namespace of a non running container: " + other.id());
        }
        NetworkMode otherMode = NetworkMode.of(Bundles.networkRequest(other).getNetworkMode());
        Path namespace = switch (otherMode) {
            case BRIDGE, USER -> networks.namespaceOf(other.id());
            case HOST -> null;
            case NONE, CONTAINER -> Path.of("/proc", Integer.toString(other.state().pid()), "ns", "net");
        };
        try {
            bundles.shareNetworkOf(container, other, namespace);
        } catch (IOException e) {
            throw BerthException.internal("cannot join the network of " + other.id() + ": " + e.getMessage(), e);
        }
    }

    /** The default bridge, or the user-defined network container-service named; unknown ones are Docker's 404. */
    BridgePlan planFor(NetworkMode mode, String asked, NetworkAttachment attachment) {
        if (mode == NetworkMode.BRIDGE) {
            return defaultBridge.plan(attachment == null ? null : attachment.getNetworkId());
        }
        if (attachment == null || attachment.getNetworkId().isEmpty() || attachment.getSubnet().isEmpty()) {
            throw BerthException.notFound("network " + asked + " not found");
        }
        String id = attachment.getNetworkId();
        return new BridgePlan(id, id, attachment.getName(), BridgePlan.bridgeOf(id),
                Ipv4Subnet.parse(attachment.getSubnet()), attachment.getGateway());
    }

    /** Ports closed, the container off its network and out of its peers' hosts files. Nothing if it was not on one. */
    public void disconnect(Container container) {
        ports.close(container.id());
        BridgePlan plan = networks.planOf(container.runDir());
        if (!plan.cniName().equals(DefaultBridge.NAME)) {
            hosts.leave(plan.networkId(), container.id());
        }
        networks.detach(container.id(), container.runDir());
    }

    /**
     * For a run the agent re-adopts after a restart: its namespace and address outlived the agent,
     * its port sockets did not; they are bound again on the ports recorded.
     */
    public void restore(Container container) {
        NetworkState state = current(container);
        if (state == null) {
            return;
        }
        BridgePlan plan = networks.planOf(container.runDir());
        if (!plan.cniName().equals(DefaultBridge.NAME)) {
            hosts.join(plan.networkId(), container, state.getIpAddress(), state.getAliasesList(), state.getOwnHostsList());
        }
        if (state.getPortsCount() == 0 || ports.isOpen(container.id())) {
            return;
        }
        List<PortBinding> bindings = state.getPortsList().stream().map(p -> PortBinding.newBuilder()
                .setContainerPort(p.getContainerPort() + "/" + p.getProtocol())
                .setHostIp(p.getHostIp()).setHostPort(Integer.toString(p.getHostPort())).build()).toList();
        try {
            ports.open(container.id(), bindings, state.getIpAddress());
        } catch (RuntimeException e) {
            log.warn("cannot publish the ports of {} again: {}", container.id(), e.getMessage());
        }
    }

}
