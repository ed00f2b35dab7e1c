package dev.berth.gateway.fake;

import dev.berth.proto.v1.ListNodesRequest;
import dev.berth.proto.v1.ListNodesResponse;
import dev.berth.proto.v1.NodeDirectoryGrpc;
import dev.berth.proto.v1.NodeEntry;
import io.grpc.stub.StreamObserver;

/** container-service's node directory with the one fake node, at the fakes' own address. */
public class FakeNodeDirectory extends NodeDirectoryGrpc.NodeDirectoryImplBase {

    private final String nodeAddress;

    FakeNodeDirectory(String nodeAddress) {
        this.nodeAddress = nodeAddress;
    }

    @Override
    public void listNodes(ListNodesRequest request, StreamObserver<ListNodesResponse> response) {
        response.onNext(ListNodesResponse.newBuilder()
                .addNodes(NodeEntry.newBuilder().setId("node-1").setAddress(nodeAddress)).build());
        response.onCompleted();
    }
}
