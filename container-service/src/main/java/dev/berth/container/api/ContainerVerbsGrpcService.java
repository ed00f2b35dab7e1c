package dev.berth.container.api;

import static dev.berth.container.api.UnaryCalls.unary;

import java.util.function.Supplier;

import org.springframework.stereotype.Service;

import dev.berth.common.error.GrpcStatuses;
import dev.berth.container.lifecycle.ContainerPause;
import dev.berth.container.lifecycle.ContainerRename;
import dev.berth.container.lifecycle.ContainerUpdate;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerRef;
import dev.berth.proto.v1.ContainerVerbsGrpc;
import dev.berth.proto.v1.RenameContainerRequest;
import dev.berth.proto.v1.UpdateContainerRequest;
import io.grpc.stub.StreamObserver;

/** The gRPC adapter of pause, unpause, rename and update. */
@Service
class ContainerVerbsGrpcService extends ContainerVerbsGrpc.ContainerVerbsImplBase {

    private final ContainerPause pauses;
    private final ContainerRename renames;
    private final ContainerUpdate updates;
    private final ContainerProtos protos;

    ContainerVerbsGrpcService(ContainerPause pauses, ContainerRename renames, ContainerUpdate updates,
            ContainerProtos protos) {
        this.pauses = pauses;
        this.renames = renames;
        this.updates = updates;
        this.protos = protos;
    }

    @Override
    public void pauseContainer(ContainerRef request, StreamObserver<Container> response) {
        unary(response, () -> protos.toProto(pauses.pause(request.getRef())));
    }

    @Override
    public void unpauseContainer(ContainerRef request, StreamObserver<Container> response) {
        unary(response, () -> protos.toProto(pauses.unpause(request.getRef())));
    }

    @Override
    public void renameContainer(RenameContainerRequest request, StreamObserver<Container> response) {
        unary(response, () -> protos.toProto(renames.rename(request.getRef(), request.getName())));
    }

    @Override
    public void updateContainer(UpdateContainerRequest request, StreamObserver<Container> response) {
        unary(response, () -> protos.toProto(updates.update(request)));
    }
}
