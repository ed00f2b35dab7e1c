package dev.berth.node.api;

import dev.berth.node.disk.WritableLayers;
import dev.berth.proto.v1.NodeDiskGrpc;
import dev.berth.proto.v1.WritableLayersRequest;
import dev.berth.proto.v1.WritableLayersResponse;
import io.grpc.stub.StreamObserver;
import org.springframework.stereotype.Service;

/** The NodeDisk gRPC service: reads only, answered on the caller's thread (no task queue). */
@Service
class NodeDiskGrpcService extends NodeDiskGrpc.NodeDiskImplBase {

    private final WritableLayers layers;

    NodeDiskGrpcService(WritableLayers layers) {
        this.layers = layers;
    }

    @Override
    public void measureWritableLayers(WritableLayersRequest request, StreamObserver<WritableLayersResponse> responses) {
        NodeStatsGrpcService.reply(() -> WritableLayersResponse.newBuilder()
                .putAllSizeRw(layers.measure(request.getContainerIdsList())).build(), responses);
    }
}
