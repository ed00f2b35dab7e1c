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

import java.util.ArrayList;
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
     * bridge only); {@code connected} the networks the run joins besides, eth1 on. Nothing is left
     * on failure.
     */
    public NetworkState connect(Container container, NetworkAttachment attachment, List<NetworkAttachment> connected) {
        HostConfig request = Bundles.networkRequest(container);
        NetworkMode mode = NetworkMode.of(request.getNetworkMode());
        if (!connected.isEmpty() && !mode.onBridge()) {
            throw BerthException.invalid("container cannot be connected to more networks in network mode "
                    + request.getNetworkMode());
        }
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
            hosts.join(hostsKey(plan), mode == NetworkMode.USER, container, attached.getIpAddress(), aliases, ownHosts);
            List<PublishedPort> published = ports.open(container.id(), request.getPortBindingsList(),
                    attached.getIpAddress());
            NetworkState state = attached.toBuilder().addAllPorts(published).build();
            networks.record(container.runDir(), state);
            for (NetworkAttachment more : connected) {
                state = joinConnected(container, state, more);
            }
            return state;
        } catch (IOException | RuntimeException e) {
            disconnect(container);
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e);
        }
    }

    /**
     * `docker network connect` of a running container: one more network, on the next free
     * interface; its peers there find it. The run's state as recorded after.
     */
    public NetworkState connectRunning(Container container, NetworkAttachment attachment) {
        NetworkState state = current(container);
        if (!container.state().isRunning() || state == null) {
            throw BerthException.precondition("container " + container.id() + " is not running on a network");
        }
        if (RunStates.on(state, attachment.getNetworkId()) != null) {
            throw BerthException.precondition("container " + container.id() + " is already on network "
                    + attachment.getName());
        }
        try {
            return joinConnected(container, state, attachment);
        } catch (IOException e) {
            throw BerthException.internal("cannot record the networks of " + container.id() + ": " + e.getMessage(), e);
        }
    }

    /** `docker network disconnect` of a running container from a network it joined besides its first. */
    public void disconnectRunning(Container container, String networkId) {
        NetworkState state = current(container);
        if (state == null || RunStates.connected(state, networkId) == null) {
            return;
        }
        hosts.leave(networkId, container.id());
        networks.detachConnected(container.id(), container.runDir(), networkId);
        List<NetworkState> kept = new ArrayList<>(state.getConnectedList());
        kept.removeIf(joined -> joined.getNetworkId().equals(networkId));
        try {
            networks.record(container.runDir(), state.toBuilder().clearConnected().addAllConnected(kept).build());
        } catch (IOException e) {
            throw BerthException.internal("cannot record the networks of " + container.id() + ": " + e.getMessage(), e);
        }
    }

    /** One network more for the run, recorded; {@code state} is the run's state before. */
    private NetworkState joinConnected(Container container, NetworkState state, NetworkAttachment attachment)
            throws IOException {
        boolean user = !attachment.getName().equals(DefaultBridge.NAME);
        BridgePlan plan = planFor(user ? NetworkMode.USER : NetworkMode.BRIDGE, attachment.getName(), attachment);
        String ifname = RunStates.nextInterface(state);
        NetworkState joined = networks.attachConnected(container.id(), container.runDir(), plan, ifname);
        List<String> aliases = user ? attachment.getAliasesList() : List.of();
        List<String> ownHosts = user ? attachment.getOwnHostsList() : List.of();
        joined = joined.toBuilder().addAllAliases(aliases).addAllOwnHosts(ownHosts).build();
        NetworkState after = state.toBuilder().addConnected(joined).build();
        try {
            networks.record(container.runDir(), after);
            hosts.join(hostsKey(plan), user, container, joined.getIpAddress(), aliases, ownHosts);
        } catch (IOException | RuntimeException e) {
            hosts.leave(hostsKey(plan), container.id());
            networks.detachConnected(container.id(), container.runDir(), plan.networkId());
            networks.record(container.runDir(), state);
            throw e;
        }
        return after;
    }

    /** The key of a network among the hosts files' networks: the default one's id may be unknown to an old run. */
    private static String hostsKey(BridgePlan plan) {
        return plan.networkId().isEmpty() ? plan.cniName() : plan.networkId();
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

    /** Ports closed, the container off its networks and out of its peers' hosts files. Nothing if it was not on one. */
    public void disconnect(Container container) {
        ports.close(container.id());
        BridgePlan plan = networks.planOf(container.runDir());
        NetworkState state = current(container);
        if (state != null) {
            for (NetworkState joined : state.getConnectedList()) {
                hosts.leave(joined.getNetworkId(), container.id());
            }
        }
        hosts.leave(hostsKey(plan), container.id());
        networks.detach(container.id(), container.runDir());
    }

    /**
     * For a run the agent re-adopts after a restart: its namespace and addresses outlived the agent,
     * its hosts-file membership and port sockets did not; they are made again as recorded.
     */
    public void restore(Container container) {
        NetworkState state = current(container);
        if (state == null) {
            return;
        }
        BridgePlan plan = networks.planOf(container.runDir());
        hosts.join(hostsKey(plan), !plan.cniName().equals(DefaultBridge.NAME), container, state.getIpAddress(),
                state.getAliasesList(), state.getOwnHostsList());
        for (NetworkState joined : state.getConnectedList()) {
            hosts.join(joined.getNetworkId(), !joined.getNetwork().equals(DefaultBridge.NAME), container,
                    joined.getIpAddress(), joined.getAliasesList(), joined.getOwnHostsList());
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
