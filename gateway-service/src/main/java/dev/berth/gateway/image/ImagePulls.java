package dev.berth.gateway.image;

import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.PullImageRequest;
import dev.berth.proto.v1.PullProgress;
import org.springframework.stereotype.Component;

/**
 * Runs ImageService.PullImage for {@code POST /images/create?fromImage=}: until the manifest is
 * resolved, a failure is a plain HTTP error (400 invalid reference, 404 manifest unknown, 500
 * registry down), as with dockerd; after that the events stream as JSON lines.
 */
@Component
class ImagePulls {

    private final ImageServiceGrpc.ImageServiceBlockingStub images;

    ImagePulls(ImageServiceGrpc.ImageServiceBlockingStub images) {
        this.images = images;
    }

    /** @throws dev.berth.gateway.api.DockerApiException when the pull fails before it starts */
    ProgressStream<PullProgress> start(String reference, String platform, String registryAuth) {
        PullImageRequest request = PullImageRequest.newBuilder()
                .setReference(reference).setPlatform(platform).setRegistryAuth(registryAuth).build();
        return ProgressStream.start(() -> images.pullImage(request), PullMessages::render, "pull of " + reference);
    }
}
