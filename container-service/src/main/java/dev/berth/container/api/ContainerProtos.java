package dev.berth.container.api;

import org.springframework.stereotype.Component;

import dev.berth.container.lifecycle.State;
import dev.berth.container.node.NodeRegistry;
import dev.berth.container.store.ContainerRow;
import dev.berth.container.store.ProtoJson;
import dev.berth.container.store.Times;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.NetworkState;
import dev.berth.proto.v1.ContainerState;

/** Rows to the {@code Container} message, with the node's address filled in. */
@Component
class ContainerProtos {

    private final NodeRegistry nodes;

    ContainerProtos(NodeRegistry nodes) {
        this.nodes = nodes;
    }

    Container toProto(ContainerRow row) {
        ContainerState.Builder state = ContainerState.newBuilder()
                .setStatus(State.of(row.status()).toProto())
                .setPid(row.pid())
                .setExitCode(row.exitCode())
                .setError(row.error())
                .setOomKilled(row.oomKilled());
        if (row.startedAt() != null) {
            state.setStartedAt(Times.toProto(row.startedAt()));
        }
        if (row.finishedAt() != null) {
            state.setFinishedAt(Times.toProto(row.finishedAt()));
        }
        Container.Builder container = Container.newBuilder()
                .setId(row.id())
                .setName(row.name())
                .setCreated(Times.toProto(row.createdAt()))
                .setImageId(row.imageId())
                .setConfig(ProtoJson.readConfig(row.config()))
                .setHostConfig(ProtoJson.readHostConfig(row.hostConfig()))
                .setFiles(ProtoJson.readFiles(row.files()))
                .setState(state)
                .setRestartCount(row.restartCount())
                .setNodeId(row.nodeId())
                .setNodeAddress(nodes.address(row.nodeId()));
        NetworkState network = ProtoJson.readNetwork(row.network());
        if (network != null) {
            container.setNetwork(network);
        }
        return container.build();
    }
}
