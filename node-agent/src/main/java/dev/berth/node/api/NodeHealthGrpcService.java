package dev.berth.node.api;

import dev.berth.node.health.HealthMonitor;
import dev.berth.proto.v1.GetHealthRequest;
import dev.berth.proto.v1.GetHealthResponse;
import dev.berth.proto.v1.NodeHealthGrpc;
import io.grpc.stub.StreamObserver;
import org.springframework.stereotype.Service;

/** The NodeHealth gRPC service: a thin adapter over {@link HealthMonitor}. */
@Service
class NodeHealthGrpcService extends NodeHealthGrpc.NodeHealthImplBase {

    private final HealthMonitor monitor;

    NodeHealthGrpcService(HealthMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void getHealth(GetHealthRequest request, StreamObserver<GetHealthResponse> responses) {
        responses.onNext(GetHealthResponse.newBuilder().putAllHealth(monitor.health(request.getContainerIdsList())).build());
        responses.onCompleted();
    }
}
