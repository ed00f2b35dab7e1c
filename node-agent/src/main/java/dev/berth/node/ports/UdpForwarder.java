package dev.berth.node.ports;

import dev.berth.proto.v1.PublishedPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A published UDP port: each client address gets a socket of its own towards the container, so
 * that the container's answers go back to the client they answer. A client silent for
 * {@link #IDLE_MILLIS} loses its socket (swept when packets come), as Docker's proxy does.
 * Only the loop's thread touches the flows.
 */
final class UdpForwarder implements PortProxies.PortListener, ProxyLoop.Handler {

    static final long IDLE_MILLIS = 90_000;
    private static final int MAX_DATAGRAM = 65_507;

    private final ProxyLoop loop;
    private final DatagramChannel host;
    private final InetSocketAddress target;
    private final PublishedPort published;
    private final Map<SocketAddress, Flow> flows = new HashMap<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    private long lastSweep = System.currentTimeMillis();

    UdpForwarder(ProxyLoop loop, PublishedPort asked, InetSocketAddress target) throws IOException {
        this.loop = loop;
        this.target = target;
        this.host = DatagramChannel.open();
        try {
            host.bind(new InetSocketAddress(asked.getHostIp(), asked.getHostPort()));
            host.configureBlocking(false);
            this.published = PortProxies.bound(asked, host);
        } catch (IOException e) {
            host.close();
            throw e;
        }
    }

    @Override
    public PublishedPort published() {
        return published;
    }

    @Override
    public void register() throws IOException {
        loop.register(host, SelectionKey.OP_READ, this);
    }

    @Override
    public void ready(SelectionKey key) throws IOException {
        SocketAddress client;
        while ((client = receive()) != null) {
            Flow flow = flows.get(client);
            if (flow == null) {
                flow = new Flow(client);
                flows.put(client, flow);
            }
            flow.lastActive = System.currentTimeMillis();
            flow.channel.write(buffer);
        }
        sweep();
    }

    private SocketAddress receive() throws IOException {
        buffer.clear();
        SocketAddress from = host.receive(buffer);
        buffer.flip();
        return from;
    }

    private void sweep() {
        long now = System.currentTimeMillis();
        if (now - lastSweep < 1000) {
            return;
        }
        lastSweep = now;
        for (Iterator<Flow> it = flows.values().iterator(); it.hasNext(); ) {
            Flow flow = it.next();
            if (now - flow.lastActive > IDLE_MILLIS) {
                flow.close();
                it.remove();
            }
        }
    }

    @Override
    public void failed(SelectionKey key) {
        // one bad datagram does not end the port
    }

    @Override
    public void close() {
        try {
            host.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        flows.values().forEach(Flow::close);
        flows.clear();
    }

    /** One client's socket towards the container, and the way back. */
    private final class Flow implements ProxyLoop.Handler {
        private final SocketAddress client;
        private final DatagramChannel channel;
        private final ByteBuffer replies = ByteBuffer.allocate(MAX_DATAGRAM);
        private long lastActive;

        Flow(SocketAddress client) throws IOException {
            this.client = client;
            this.channel = DatagramChannel.open();
            channel.configureBlocking(false);
            channel.connect(target);
            loop.register(channel, SelectionKey.OP_READ, this);
        }

        @Override
        public void ready(SelectionKey key) throws IOException {
            while (true) {
                replies.clear();
                if (channel.read(replies) <= 0) {
                    return;
                }
                replies.flip();
                lastActive = System.currentTimeMillis();
                host.send(replies, client);
            }
        }

        @Override
        public void failed(SelectionKey key) {
            // an ICMP error from the container (nothing listens): the flow stays for the next packet
        }

        void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
