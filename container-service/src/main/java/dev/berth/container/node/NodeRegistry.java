package dev.berth.container.node;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

import dev.berth.container.config.ContainerProperties;
import dev.berth.common.error.BerthException;
import dev.berth.container.store.NodeRepository;
import dev.berth.container.store.NodeRow;
import dev.berth.container.store.Times;
import dev.berth.proto.v1.NodeAgentGrpc;
import dev.berth.proto.v1.NodeControlGrpc;
import dev.berth.proto.v1.NodeExecGrpc;
import io.grpc.ManagedChannel;
import dev.berth.proto.v1.NodeHealthGrpc;
import dev.berth.proto.channel.Channels;

/**
 * The node-agents: upserts the configured ones into {@code nodes} at startup and keeps one
 * plaintext channel per node. Channels connect lazily, so an absent node does not stop
 * startup.
 */
@Component
public class NodeRegistry implements DisposableBean {

    private final NodeRepository nodes;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final Map<String, String> addresses = new ConcurrentHashMap<>();
    private final GrpcChannelFactory factory;

    public NodeRegistry(NodeRepository nodes, ContainerProperties properties, GrpcChannelFactory factory) {
        this.nodes = nodes;
        this.factory = factory;
        properties.nodes().forEach(this::upsert);
        nodes.findAll().forEach(row -> addresses.put(row.id(), row.address()));
    }

    private void upsert(ContainerProperties.Node node) {
        NodeRow row = nodes.findById(node.id())
                .map(existing -> existing.withAddress(node.address()))
                .orElse(new NodeRow(node.id(), node.address(), Times.now(), null));
        nodes.save(row);
    }

    public List<String> nodeIds() {
        return addresses.keySet().stream().sorted().toList();
    }

    /** host:port of the node's gRPC server; empty for an unknown node. */
    public String address(String nodeId) {
        return addresses.getOrDefault(nodeId, "");
    }

    public NodeAgentGrpc.NodeAgentBlockingStub blocking(String nodeId) {
        return NodeAgentGrpc.newBlockingStub(channel(nodeId));
    }

    public NodeAgentGrpc.NodeAgentStub async(String nodeId) {
        return NodeAgentGrpc.newStub(channel(nodeId));
    }

    /** The node's exec service (`docker exec`), on the same channel. */
    public NodeExecGrpc.NodeExecBlockingStub execs(String nodeId) {
        return NodeExecGrpc.newBlockingStub(channel(nodeId));
    }

    /** The node's healthchecks, on the same channel. */
    public NodeHealthGrpc.NodeHealthBlockingStub health(String nodeId) {
        return NodeHealthGrpc.newBlockingStub(channel(nodeId));
    }

    /** The node's pause, resume and update calls, on the same channel. */
    public NodeControlGrpc.NodeControlBlockingStub control(String nodeId) {
        return NodeControlGrpc.newBlockingStub(channel(nodeId));
    }

    private ManagedChannel channel(String nodeId) {
        String address = addresses.get(nodeId);
        if (address == null) {
            throw BerthException.internal("unknown node " + nodeId);
        }
        return channels.computeIfAbsent(nodeId,
                id -> Channels.create(factory, "node-agent " + id, address));
    }

    @Override
    public void destroy() throws InterruptedException {
        channels.values().forEach(ManagedChannel::shutdownNow);
        for (ManagedChannel channel : channels.values()) {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
