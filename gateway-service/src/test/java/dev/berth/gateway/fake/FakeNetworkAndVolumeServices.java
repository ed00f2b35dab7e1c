package dev.berth.gateway.fake;

import dev.berth.proto.v1.Network;
import dev.berth.proto.v1.NetworkRef;
import dev.berth.proto.v1.NetworkServiceGrpc;
import dev.berth.proto.v1.Volume;
import dev.berth.proto.v1.VolumeRef;
import dev.berth.proto.v1.VolumeServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/** Container-service's networks and volumes as a gateway test sees them: whatever a test asks about is unknown. */
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

    static final class Volumes extends VolumeServiceGrpc.VolumeServiceImplBase {
        @Override
        public void getVolume(VolumeRef request, StreamObserver<Volume> response) {
            response.onError(Status.NOT_FOUND.withDescription("get " + request.getName() + ": no such volume")
                    .asRuntimeException());
        }
    }
}
