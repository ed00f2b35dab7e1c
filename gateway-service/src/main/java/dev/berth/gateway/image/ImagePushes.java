package dev.berth.gateway.image;

import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.PushImageRequest;
import dev.berth.proto.v1.PushProgress;
import org.springframework.stereotype.Component;

/**
 * Runs ImageService.PushImage for {@code POST /images/{name}/push}: an unknown image, a bad name or
 * a registry that refuses the credentials is a plain HTTP error; once the push has begun, its events
 * stream as JSON lines.
 */
@Component
class ImagePushes {

    private final ImageServiceGrpc.ImageServiceBlockingStub images;

    ImagePushes(ImageServiceGrpc.ImageServiceBlockingStub images) {
        this.images = images;
    }

    ProgressStream<PushProgress> start(String name, String tag, String registryAuth) {
        PushImageRequest request = PushImageRequest.newBuilder()
                .setName(name).setTag(tag).setRegistryAuth(registryAuth).build();
        return ProgressStream.start(() -> images.pushImage(request), PushMessages::render, "push of " + name);
    }
}
