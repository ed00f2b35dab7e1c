package dev.berth.gateway.system;

import dev.berth.gateway.api.GrpcErrors;
import dev.berth.gateway.backend.NodeChannels;
import dev.berth.proto.v1.DescribeNodeRequest;
import dev.berth.proto.v1.ListNodesRequest;
import dev.berth.proto.v1.NodeDescription;
import dev.berth.proto.v1.NodeDirectoryGrpc;
import dev.berth.proto.v1.NodeEntry;
import io.grpc.StatusRuntimeException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the nodes run containers with (runc, conmon, cgroups), asked of the first node
 * container-service knows: Docker describes one host. A node that does not answer leaves a
 * warning and no description.
 */
@Component
class NodeRuntimes {

    private static final long DEADLINE_SECONDS = 3;

    private final NodeDirectoryGrpc.NodeDirectoryBlockingStub directory;
    private final NodeChannels nodes;

    NodeRuntimes(NodeDirectoryGrpc.NodeDirectoryBlockingStub directory, NodeChannels nodes) {
        this.directory = directory;
        this.nodes = nodes;
    }

    Optional<NodeDescription> describe(List<String> warnings) {
        try {
            List<NodeEntry> known = directory.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .listNodes(ListNodesRequest.getDefaultInstance()).getNodesList();
            if (known.isEmpty()) {
                warnings.add("WARNING: no node is registered");
                return Optional.empty();
            }
            NodeEntry node = known.get(0);
            try {
                return Optional.of(nodes.nodeInfo(node.getAddress())
                        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                        .describeNode(DescribeNodeRequest.getDefaultInstance()));
            } catch (StatusRuntimeException e) {
                warnings.add("WARNING: node " + node.getId() + ": " + GrpcErrors.message(e.getStatus()));
            }
        } catch (StatusRuntimeException e) {
            warnings.add("WARNING: container-service: " + GrpcErrors.message(e.getStatus()));
        }
        return Optional.empty();
    }
}
