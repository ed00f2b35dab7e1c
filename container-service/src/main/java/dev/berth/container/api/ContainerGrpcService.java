package dev.berth.container.api;

import static dev.berth.container.api.UnaryCalls.unary;

import java.util.function.Supplier;

import org.springframework.stereotype.Service;

import com.google.protobuf.Empty;

import dev.berth.common.error.GrpcStatuses;
import dev.berth.container.health.HealthStates;
import dev.berth.container.lifecycle.ContainerCreation;
import dev.berth.container.lifecycle.ContainerKill;
import dev.berth.container.lifecycle.ContainerRemoval;
import dev.berth.container.lifecycle.ContainerStart;
import dev.berth.container.lifecycle.ContainerStop;
import dev.berth.container.listing.ContainerListing;
import dev.berth.container.lookup.ContainerLookup;
import dev.berth.container.node.LayerPreparation;
import dev.berth.container.waiting.ContainerWaits;
import dev.berth.container.waiting.WaitRegistry;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerRef;
import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.CreateContainerRequest;
import dev.berth.proto.v1.KillContainerRequest;
import dev.berth.proto.v1.ListContainersRequest;
import dev.berth.proto.v1.ListContainersResponse;
import dev.berth.proto.v1.PrepareLayerRequest;
import dev.berth.proto.v1.PreparedLayer;
import dev.berth.proto.v1.RemoveContainerRequest;
import dev.berth.proto.v1.StartContainerResponse;
import dev.berth.proto.v1.StopContainerRequest;
import dev.berth.proto.v1.StopContainerResponse;
import dev.berth.proto.v1.WaitContainerRequest;
import dev.berth.proto.v1.WaitContainerResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** The gRPC adapter: translates messages and delegates; errors go through {@link GrpcStatuses}. */
@Service
class ContainerGrpcService extends ContainerServiceGrpc.ContainerServiceImplBase {

    private final ContainerCreation creation;
    private final ContainerStart starter;
    private final ContainerStop stopper;
    private final ContainerKill killer;
    private final ContainerRemoval removal;
    private final ContainerLookup lookup;
    private final ContainerListing listing;
    private final ContainerWaits waits;
    private final ContainerProtos protos;
    private final LayerPreparation layers;
    private final HealthStates health;

    ContainerGrpcService(ContainerCreation creation, ContainerStart starter, ContainerStop stopper,
            ContainerKill killer, ContainerRemoval removal, ContainerLookup lookup, ContainerListing listing,
            ContainerWaits waits, ContainerProtos protos, LayerPreparation layers, HealthStates health) {
        this.layers = layers;
        this.health = health;
        this.creation = creation;
        this.starter = starter;
        this.stopper = stopper;
        this.killer = killer;
        this.removal = removal;
        this.lookup = lookup;
        this.listing = listing;
        this.waits = waits;
        this.protos = protos;
    }

    @Override
    public void createContainer(CreateContainerRequest request, StreamObserver<Container> response) {
        unary(response, () -> protos.toProto(creation.create(request)));
    }

    @Override
    public void prepareLayer(PrepareLayerRequest request, StreamObserver<PreparedLayer> response) {
        unary(response, () -> layers.prepare(request));
    }

    @Override
    public void startContainer(ContainerRef request, StreamObserver<StartContainerResponse> response) {
        unary(response, () -> {
            ContainerStart.Result result = starter.start(request.getRef());
            return StartContainerResponse.newBuilder().setContainer(protos.toProto(result.container()))
                    .setAlreadyRunning(result.alreadyRunning()).build();
        });
    }

    @Override
    public void stopContainer(StopContainerRequest request, StreamObserver<StopContainerResponse> response) {
        unary(response, () -> {
            ContainerStop.Result result = stopper.stop(request.getRef(), timeoutOf(request), request.getSignal());
            return StopContainerResponse.newBuilder().setContainer(protos.toProto(result.container()))
                    .setAlreadyStopped(result.alreadyStopped()).build();
        });
    }

    @Override
    public void restartContainer(StopContainerRequest request, StreamObserver<Container> response) {
        unary(response, () -> protos.toProto(
                stopper.restart(request.getRef(), timeoutOf(request), request.getSignal())));
    }

    @Override
    public void killContainer(KillContainerRequest request, StreamObserver<Container> response) {
        unary(response, () -> protos.toProto(killer.kill(request.getRef(), request.getSignal())));
    }

    @Override
    public void removeContainer(RemoveContainerRequest request, StreamObserver<Empty> response) {
        unary(response, () -> {
            removal.remove(request.getRef(), request.getForce(), request.getRemoveVolumes());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void getContainer(ContainerRef request, StreamObserver<Container> response) {
        unary(response, () -> health.withHealth(protos.toProto(lookup.resolve(request.getRef()))));
    }

    @Override
    public void listContainers(ListContainersRequest request, StreamObserver<ListContainersResponse> response) {
        unary(response, () -> ListContainersResponse.newBuilder()
                .addAllContainers(health.withHealth(listing.list(request).stream().map(protos::toProto).toList()))
                .build());
    }

    @Override
    public void waitContainer(WaitContainerRequest request, StreamObserver<WaitContainerResponse> response) {
        WaitRegistry.Waiter waiter;
        try {
            waiter = waits.begin(request.getRef(), request.getCondition());
        } catch (RuntimeException e) {
            response.onError(GrpcStatuses.toStatus(e));
            return;
        }
        ((ServerCallStreamObserver<WaitContainerResponse>) response).setOnCancelHandler(() -> waits.cancel(waiter));
        response.onNext(WaitContainerResponse.newBuilder().setRegistered(true).build());
        waiter.result().whenComplete((result, failure) -> {
            try {
                if (failure != null) {
                    response.onError(GrpcStatuses.toStatus(failure));
                } else {
                    response.onNext(WaitContainerResponse.newBuilder().setResult(result).build());
                    response.onCompleted();
                }
            } catch (RuntimeException e) {
                // The caller went away meanwhile.
            }
        });
    }

    private static Integer timeoutOf(StopContainerRequest request) {
        return request.hasTimeoutSeconds() ? request.getTimeoutSeconds() : null;
    }
}
