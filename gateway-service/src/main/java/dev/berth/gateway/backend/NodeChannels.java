package dev.berth.gateway.backend;

import dev.berth.proto.v1.NodeAgentGrpc;
import dev.berth.proto.v1.NodeArchiveGrpc;
import dev.berth.proto.v1.NodeDiskGrpc;
import dev.berth.proto.v1.NodeExecGrpc;
import dev.berth.proto.v1.NodeInfoGrpc;
import dev.berth.proto.v1.NodeStatsGrpc;
import io.grpc.ManagedChannel;
import dev.berth.proto.channel.Channels;
import jakarta.annotation.PreDestroy;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One channel per node-agent address (Container.node_address), made on first use and kept. */
@Component
public class NodeChannels {

    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final GrpcChannelFactory factory;

    public NodeChannels(GrpcChannelFactory factory) {
        this.factory = factory;
    }

    public NodeAgentGrpc.NodeAgentStub node(String address) {
        return NodeAgentGrpc.newStub(channel(address));
    }

    public NodeAgentGrpc.NodeAgentBlockingStub nodeBlocking(String address) {
        return NodeAgentGrpc.newBlockingStub(channel(address));
    }

    public NodeInfoGrpc.NodeInfoBlockingStub nodeInfo(String address) {
        return NodeInfoGrpc.newBlockingStub(channel(address));
    }

    public NodeExecGrpc.NodeExecBlockingStub nodeExec(String address) {
        return NodeExecGrpc.newBlockingStub(channel(address));
    }

    public NodeStatsGrpc.NodeStatsBlockingStub nodeStats(String address) {
        return NodeStatsGrpc.newBlockingStub(channel(address));
    }

    public NodeDiskGrpc.NodeDiskBlockingStub nodeDisk(String address) {
        return NodeDiskGrpc.newBlockingStub(channel(address));
    }

    public NodeArchiveGrpc.NodeArchiveStub nodeArchive(String address) {
        return NodeArchiveGrpc.newStub(channel(address));
    }

    public NodeArchiveGrpc.NodeArchiveBlockingStub nodeArchiveBlocking(String address) {
        return NodeArchiveGrpc.newBlockingStub(channel(address));
    }

    private ManagedChannel channel(String address) {
        return channels.computeIfAbsent(address,
                a -> Channels.create(factory, "node-agent", a));
    }

    @PreDestroy
    void shutdown() {
        channels.values().forEach(ManagedChannel::shutdownNow);
    }
}
