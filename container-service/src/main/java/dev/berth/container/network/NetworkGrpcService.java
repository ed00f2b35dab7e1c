package dev.berth.container.network;

import static dev.berth.container.api.UnaryCalls.unary;

import java.util.function.Supplier;

import org.springframework.stereotype.Service;

import dev.berth.common.error.GrpcStatuses;
import dev.berth.common.time.ProtoTimes;
import com.google.protobuf.Empty;

import dev.berth.proto.v1.ConnectContainerRequest;
import dev.berth.proto.v1.CreateNetworkRequest;
import dev.berth.proto.v1.DisconnectContainerRequest;
import dev.berth.proto.v1.ListNetworksRequest;
import dev.berth.proto.v1.ListNetworksResponse;
import dev.berth.proto.v1.Network;
import dev.berth.proto.v1.NetworkRef;
import dev.berth.proto.v1.NetworkServiceGrpc;
import dev.berth.proto.v1.PruneNetworksRequest;
import dev.berth.proto.v1.PruneNetworksResponse;
import io.grpc.stub.StreamObserver;

/** The networks over gRPC, for the gateway's /networks endpoints. */
@Service
class NetworkGrpcService extends NetworkServiceGrpc.NetworkServiceImplBase {

    private final NetworkCatalog catalog;
    private final NetworkMembers members;
    private final NetworkConnections connections;

    NetworkGrpcService(NetworkCatalog catalog, NetworkMembers members, NetworkConnections connections) {
        this.catalog = catalog;
        this.members = members;
        this.connections = connections;
    }

    @Override
    public void connectContainer(ConnectContainerRequest request, StreamObserver<Empty> response) {
        unary(response, () -> {
            connections.connect(request.getNetwork(), request.getContainer(), request.getAliasesList(),
                    request.getLinksList());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void disconnectContainer(DisconnectContainerRequest request, StreamObserver<Empty> response) {
        unary(response, () -> {
            connections.disconnect(request.getNetwork(), request.getContainer());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void createNetwork(CreateNetworkRequest request, StreamObserver<Network> response) {
        unary(response, () -> toProto(catalog.create(request.getName(), request.getSubnet(), request.getGateway(),
                request.getLabelsMap(), request.getOptionsMap(), request.getAttachable())));
    }

    @Override
    public void getNetwork(NetworkRef request, StreamObserver<Network> response) {
        unary(response, () -> toProto(catalog.find(request.getRef())));
    }

    @Override
    public void listNetworks(ListNetworksRequest request, StreamObserver<ListNetworksResponse> response) {
        unary(response, () -> ListNetworksResponse.newBuilder()
                .addAllNetworks(catalog.list().stream().map(this::toProto).toList()).build());
    }

    @Override
    public void removeNetwork(NetworkRef request, StreamObserver<Network> response) {
        unary(response, () -> {
            NetworkRow removed = catalog.remove(request.getRef());
            return Network.newBuilder().setId(removed.id()).setName(removed.name()).build();
        });
    }

    @Override
    public void pruneNetworks(PruneNetworksRequest request, StreamObserver<PruneNetworksResponse> response) {
        unary(response, () -> PruneNetworksResponse.newBuilder()
                .addAllNames(catalog.prune(request.getLabelsList(), request.getNotLabelsList())).build());
    }

    private Network toProto(NetworkRow row) {
        return Network.newBuilder()
                .setId(row.id())
                .setName(row.name())
                .setDriver(row.driver())
                .setCreated(ProtoTimes.timestamp(row.createdAt().toInstant()))
                .setSubnet(row.subnet())
                .setGateway(row.gateway())
                .putAllLabels(NetworkCatalog.labelsOf(row))
                .putAllOptions(NetworkCatalog.optionsOf(row))
                .setBuiltin(row.builtin())
                .setAttachable(row.attachable())
                .addAllMembers(members.of(row))
                .build();
    }
}
