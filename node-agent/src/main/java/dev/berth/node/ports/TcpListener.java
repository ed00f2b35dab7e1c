package dev.berth.node.ports;

import dev.berth.proto.v1.PublishedPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A published TCP port: each accepted connection is spliced to a new one to the container. */
final class TcpListener implements PortProxies.PortListener, ProxyLoop.Handler {

    private final ProxyLoop loop;
    private final ServerSocketChannel server;
    private final InetSocketAddress target;
    private final PublishedPort published;
    private final Set<TcpSplice> splices = ConcurrentHashMap.newKeySet();

    TcpListener(ProxyLoop loop, PublishedPort asked, InetSocketAddress target) throws IOException {
        this.loop = loop;
        this.target = target;
        this.server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress(asked.getHostIp(), asked.getHostPort()), 128);
            server.configureBlocking(false);
            this.published = PortProxies.bound(asked, server);
        } catch (IOException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public PublishedPort published() {
        return published;
    }

    @Override
    public void register() throws IOException {
        loop.register(server, SelectionKey.OP_ACCEPT, this);
    }

    @Override
    public void ready(SelectionKey key) throws IOException {
        SocketChannel client;
        while ((client = server.accept()) != null) {
            SocketChannel backend = SocketChannel.open();
            TcpSplice splice = new TcpSplice(loop, client, backend);
            try {
                client.configureBlocking(false);
                backend.configureBlocking(false);
                backend.connect(target);
                splices.add(splice);
                splice.onClose(() -> splices.remove(splice));
                splice.start();
            } catch (IOException e) {
                // the container refused or is gone: the client sees its connection closed
                splice.close();
            }
        }
    }

    @Override
    public void failed(SelectionKey key) {
        // an accept that failed (a client gone already) leaves the listener as it is
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        splices.forEach(TcpSplice::close);
    }
}
