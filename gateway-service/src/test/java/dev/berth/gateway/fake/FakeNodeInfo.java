package dev.berth.gateway.fake;

import dev.berth.proto.v1.DescribeNodeRequest;
import dev.berth.proto.v1.NodeDescription;
import dev.berth.proto.v1.NodeInfoGrpc;
import io.grpc.stub.StreamObserver;

/** A node that runs runc 1.1.5 and conmon 2.1.6 (no commit) on cgroup v1. */
public class FakeNodeInfo extends NodeInfoGrpc.NodeInfoImplBase {

    public static final NodeDescription DESCRIPTION = NodeDescription.newBuilder()
            .setRunc(NodeDescription.Program.newBuilder().setVersion("1.1.5+fake").setCommit("fake-commit"))
            .setConmon(NodeDescription.Program.newBuilder().setVersion("2.1.6"))
            .setCgroupVersion("1").setCgroupDriver("cgroupfs").build();

    @Override
    public void describeNode(DescribeNodeRequest request, StreamObserver<NodeDescription> response) {
        response.onNext(DESCRIPTION);
        response.onCompleted();
    }
}
