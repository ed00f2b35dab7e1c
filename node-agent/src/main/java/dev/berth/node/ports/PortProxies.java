package dev.berth.node.ports;

import dev.berth.common.error.BerthException;
import dev.berth.proto.v1.PortBinding;
import dev.berth.proto.v1.PublishedPort;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.NetworkChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Published ports: for each, a socket on the host that forwards to the container's address, as
 * Docker's userland proxy does (so that 127.0.0.1:PORT works without iptables tricks). The host
 * socket is bound at start: a port taken is Docker's error then, and nothing of that start stays.
 */
@Component
public class PortProxies {

    private final ProxyLoop loop = new ProxyLoop();
    private final Map<String, List<PortListener>> byContainer = new ConcurrentHashMap<>();

    /**
     * Opens every binding towards {@code containerIp}; all or none. Returns the ports as bound
     * (a port the node picked is filled in).
     */
    public List<PublishedPort> open(String containerId, List<PortBinding> bindings, String containerIp) {
        close(containerId);
        List<PortListener> opened = new ArrayList<>();
        List<PublishedPort> published = new ArrayList<>();
        try {
            for (PortBinding binding : bindings) {
                PublishedPort asked = PortSpecs.parse(binding);
                PortListener listener = bind(asked, containerIp);
                opened.add(listener);
                published.add(listener.published());
            }
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
        byContainer.put(containerId, opened);
        return published;
    }

    private PortListener bind(PublishedPort asked, String containerIp) {
        InetSocketAddress target = new InetSocketAddress(containerIp, asked.getContainerPort());
        try {
            PortListener listener = asked.getProtocol().equals("udp")
                    ? new UdpForwarder(loop, asked, target) : new TcpListener(loop, asked, target);
            try {
                onLoop(listener::register);
            } catch (IOException | RuntimeException e) {
                closeAll(List.of(listener));
                throw e;
            }
            return listener;
        } catch (BindException e) {
            throw BerthException.internal("driver failed programming external connectivity: Bind for "
                    + asked.getHostIp() + ":" + asked.getHostPort() + " failed: port is already allocated", null);
        } catch (IOException e) {
            throw BerthException.internal("cannot publish port " + asked.getContainerPort() + "/" + asked.getProtocol()
                    + " on " + asked.getHostIp() + ":" + asked.getHostPort() + ": " + e.getMessage(), e);
        }
    }

    /** Closes the container's host sockets and the connections through them. */
    public void close(String containerId) {
        List<PortListener> listeners = byContainer.remove(containerId);
        if (listeners != null) {
            closeAll(listeners);
        }
    }

    /** On the loop, and returns once done: the host ports are free when this returns. */
    private void closeAll(List<PortListener> listeners) {
        try {
            onLoop(() -> {
                listeners.forEach(PortListener::close);
                loop.releaseClosed();
            });
        } catch (IOException e) {
            // close does not throw
        }
    }

    public boolean isOpen(String containerId) {
        return byContainer.containsKey(containerId);
    }

    private void onLoop(IoAction action) throws IOException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    interface IoAction {
        void run() throws IOException;
    }

    /** A bound host socket of one published port. */
    interface PortListener {
        PublishedPort published();

        /** Called on the loop. */
        void register() throws IOException;

        /** Called on the loop: the host socket and every flow through it closed. */
        void close();
    }

    static PublishedPort bound(PublishedPort asked, NetworkChannel channel) throws IOException {
        InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
        return asked.toBuilder().setHostPort(local.getPort()).build();
    }

    @PreDestroy
    void shutdown() {
        byContainer.keySet().forEach(this::close);
        loop.close();
    }
}
