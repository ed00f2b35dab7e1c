package dev.berth.gateway.fake;

import io.grpc.Server;
import io.grpc.ServerBuilder;

import java.io.IOException;

/**
 * image-service, container-service and a node-agent faked in one gRPC server on a random port,
 * so the gateway talks real gRPC over TCP (the node's address travels in Container.node_address).
 */
public final class FakeBackends implements AutoCloseable {

    public final FakeImageService images = new FakeImageService();
    public final FakeNodeAgent node = new FakeNodeAgent();
    public final FakeContainerService containers;
    private final Server server;

    public FakeBackends() throws IOException {
        int port;
        try (var probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        containers = new FakeContainerService("127.0.0.1:" + port, images);
        server = ServerBuilder.forPort(port).addService(images).addService(containers).addService(node)
                .addService(new FakeNodeDirectory("127.0.0.1:" + port)).addService(new FakeNodeInfo())
                .addService(new FakeNetworkAndVolumeServices.Networks())
                .addService(new FakeNetworkAndVolumeServices.Volumes()).build().start();
    }

    public String address() {
        return "127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
