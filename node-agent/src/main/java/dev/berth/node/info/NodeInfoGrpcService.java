package dev.berth.node.info;

import org.springframework.stereotype.Service;

import dev.berth.proto.v1.DescribeNodeRequest;
import dev.berth.proto.v1.NodeDescription;
import dev.berth.proto.v1.NodeInfoGrpc;
import io.grpc.stub.StreamObserver;

/** The gRPC adapter of {@link NodeDescriber}. */
@Service
class NodeInfoGrpcService extends NodeInfoGrpc.NodeInfoImplBase {

    private final NodeDescriber describer;

    NodeInfoGrpcService(NodeDescriber describer) {
        this.describer = describer;
    }

    @Override
    public void describeNode(DescribeNodeRequest request, StreamObserver<NodeDescription> response) {
        response.onNext(describer.describe());
        response.onCompleted();
    }
}
