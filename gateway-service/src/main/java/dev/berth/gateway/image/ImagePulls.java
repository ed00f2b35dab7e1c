package dev.berth.gateway.image;

import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.channel.BidiCall;
import dev.berth.proto.v1.PullImageMessage;
import dev.berth.proto.v1.PullImageRequest;
import dev.berth.proto.v1.PullProgress;
import org.springframework.stereotype.Component;

/**
 * Runs ImageService.PullImage for {@code POST /images/create?fromImage=}: until the manifest is
 * resolved, a failure is a plain HTTP error (400 invalid reference, 404 manifest unknown, 500
 * registry down), as with dockerd; after that the events stream as JSON lines, and the nodes
 * unpack each layer as it arrives ({@link NodeUnpacks}).
 */
@Component
public class ImagePulls {

    private final ImageServiceGrpc.ImageServiceStub images;
    private final ContainerServiceGrpc.ContainerServiceStub containers;

    ImagePulls(ImageServiceGrpc.ImageServiceStub images, ContainerServiceGrpc.ContainerServiceStub containers) {
        this.images = images;
        this.containers = containers;
    }

    /** @throws dev.berth.gateway.api.DockerApiException when the pull fails before it starts */
    public ProgressStream<PullProgress> start(String reference, String platform, String registryAuth) {
        PullImageRequest request = PullImageRequest.newBuilder().setReference(reference).setPlatform(platform)
                .setRegistryAuth(registryAuth).setUnpackedByCaller(true).build();
        return ProgressStream.start(() -> {
            BidiCall<PullImageMessage, PullProgress> call = new BidiCall<>(images::pullImage);
            call.send(PullImageMessage.newBuilder().setRequest(request).build());
            return new NodeUnpacks(call, containers);
        }, PullMessages::render, "pull of " + reference);
    }
}
