package dev.berth.gateway.fake;

import dev.berth.proto.v1.Network;
import dev.berth.proto.v1.NetworkRef;
import dev.berth.proto.v1.NetworkServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/** Container-service's networks as a gateway test sees them: none but what a test asks about is unknown. */
final class FakeNetworkAndVolumeServices {

    private FakeNetworkAndVolumeServices() {
    }

    static final class Networks extends NetworkServiceGrpc.NetworkServiceImplBase {
        @Override
        public void getNetwork(NetworkRef request, StreamObserver<Network> response) {
            response.onError(Status.NOT_FOUND.withDescription("network " + request.getRef() + " not found")
                    .asRuntimeException());
        }
    }
}
