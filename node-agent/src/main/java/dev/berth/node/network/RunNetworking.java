package dev.berth.node.network;

import dev.berth.node.bundle.Bundles;
import dev.berth.node.ports.PortProxies;
import dev.berth.node.state.Container;
import dev.berth.proto.v1.HostConfig;
import dev.berth.proto.v1.NetworkState;
import dev.berth.proto.v1.PortBinding;
import dev.berth.proto.v1.PublishedPort;
import java.io.IOException;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A run's network, from its start to its end: the container on its network, its own /etc/hosts
 * line, its published ports; all taken down when the run ends, fails to start, or the container
 * goes. Callers hold the container's lock.
 */
@Component
public class RunNetworking {

    private static final Logger log = LoggerFactory.getLogger(RunNetworking.class);

    private final ContainerNetworks networks;
    private final PortProxies ports;
    private final Bundles bundles;

    public RunNetworking(ContainerNetworks networks, PortProxies ports, Bundles bundles) {
        this.networks = networks;
        this.ports = ports;
        this.bundles = bundles;
    }

    /** Before the process starts; null on the host's network or none. Nothing is left on failure. */
    public NetworkState connect(Container container) {
        HostConfig request = Bundles.networkRequest(container);
        if (NetworkMode.of(request.getNetworkMode()) != NetworkMode.BRIDGE) {
            return null;
        }
        NetworkState attached = networks.attach(container.id(), container.runDir());
        try {
            bundles.writeOwnAddress(container, attached.getIpAddress());
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

    /** Ports closed, the container off its network. Nothing if it was not on one. */
    public void disconnect(Container container) {
        ports.close(container.id());
        networks.detach(container.id(), container.runDir());
    }

    /**
     * For a run the agent re-adopts after a restart: its namespace and address outlived the agent,
     * its port sockets did not; they are bound again on the ports recorded.
     */
    public void restore(Container container) {
        NetworkState state = current(container);
        if (state == null || state.getPortsCount() == 0 || ports.isOpen(container.id())) {
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
