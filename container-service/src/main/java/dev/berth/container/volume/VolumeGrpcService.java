package dev.berth.container.volume;

import static dev.berth.container.api.UnaryCalls.unary;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import dev.berth.common.time.ProtoTimes;
import dev.berth.proto.v1.CreateVolumeRequest;
import dev.berth.proto.v1.ListVolumesRequest;
import dev.berth.proto.v1.ListVolumesResponse;
import dev.berth.proto.v1.PruneVolumesRequest;
import dev.berth.proto.v1.PruneVolumesResponse;
import dev.berth.proto.v1.RemoveVolumeRequest;
import dev.berth.proto.v1.Volume;
import dev.berth.proto.v1.VolumeRef;
import dev.berth.proto.v1.VolumeServiceGrpc;
import io.grpc.stub.StreamObserver;

/** The volumes over gRPC, for the gateway's /volumes endpoints. */
@Service
class VolumeGrpcService extends VolumeServiceGrpc.VolumeServiceImplBase {

    private final VolumeCatalog catalog;

    VolumeGrpcService(VolumeCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void createVolume(CreateVolumeRequest request, StreamObserver<Volume> response) {
        unary(response, () -> toProto(catalog.create(request.getName(), request.getLabelsMap()), List.of()));
    }

    @Override
    public void getVolume(VolumeRef request, StreamObserver<Volume> response) {
        unary(response, () -> {
            VolumeRow row = catalog.find(request.getName());
            return toProto(row, catalog.users(row.name()));
        });
    }

    @Override
    public void listVolumes(ListVolumesRequest request, StreamObserver<ListVolumesResponse> response) {
        unary(response, () -> {
            Map<String, List<String>> users = catalog.usersByVolume();
            return ListVolumesResponse.newBuilder().addAllVolumes(catalog.list().stream()
                    .map(row -> toProto(row, users.getOrDefault(row.name(), List.of()))).toList()).build();
        });
    }

    @Override
    public void removeVolume(RemoveVolumeRequest request, StreamObserver<Volume> response) {
        unary(response, () -> {
            catalog.remove(request.getName(), request.getForce());
            return Volume.newBuilder().setName(request.getName()).build();
        });
    }

    @Override
    public void pruneVolumes(PruneVolumesRequest request, StreamObserver<PruneVolumesResponse> response) {
        unary(response, () -> PruneVolumesResponse.newBuilder().addAllNames(
                catalog.prune(request.getLabelsList(), request.getNotLabelsList(), request.getAll())).build());
    }

    private static Volume toProto(VolumeRow row, List<String> users) {
        Volume.Builder out = Volume.newBuilder()
                .setName(row.name())
                .setDriver(row.driver())
                .setCreated(ProtoTimes.timestamp(row.createdAt().toInstant()))
                .setMountpoint(row.mountpoint())
                .putAllLabels(VolumeCatalog.labelsOf(row))
                .setAnonymous(row.anonymous())
                .addAllUsers(users);
        return out.build();
    }
}
