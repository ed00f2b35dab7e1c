package dev.berth.container.api;

import org.springframework.stereotype.Service;

import dev.berth.container.node.NodeRegistry;
import dev.berth.proto.v1.ListNodesRequest;
import dev.berth.proto.v1.ListNodesResponse;
import dev.berth.proto.v1.NodeDirectoryGrpc;
import dev.berth.proto.v1.NodeEntry;
import io.grpc.stub.StreamObserver;

/** The gRPC adapter of the node registry: which nodes there are and where they listen. */
@Service
class NodeDirectoryGrpcService extends NodeDirectoryGrpc.NodeDirectoryImplBase {

    private final NodeRegistry nodes;

    NodeDirectoryGrpcService(NodeRegistry nodes) {
        this.nodes = nodes;
    }

    @Override
    public void listNodes(ListNodesRequest request, StreamObserver<ListNodesResponse> response) {
        ListNodesResponse.Builder answer = ListNodesResponse.newBuilder();
        for (String id : nodes.nodeIds()) {
            answer.addNodes(NodeEntry.newBuilder().setId(id).setAddress(nodes.address(id)));
        }
        response.onNext(answer.build());
        response.onCompleted();
    }
}
