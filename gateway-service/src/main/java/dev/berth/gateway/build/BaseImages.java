package dev.berth.gateway.build;

import dev.berth.gateway.image.ImagePulls;
import dev.berth.gateway.image.ProgressStream;
import dev.berth.proto.v1.GetImageRequest;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.PullProgress;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import org.springframework.stereotype.Component;

/**
 * The images a build starts from (FROM, COPY --from=image): the local one, else pulled, as Docker's
 * classic builder does; with --pull, pulled again first. The pull's progress goes into the build's
 * stream.
 */
@Component
class BaseImages {

    private final ImageServiceGrpc.ImageServiceBlockingStub images;
    private final ImagePulls pulls;

    BaseImages(ImageServiceGrpc.ImageServiceBlockingStub imageService, ImagePulls pulls) {
        this.images = imageService;
        this.pulls = pulls;
    }

    Image resolve(String reference, boolean pull, BuildOutput out) throws IOException {
        if (!pull) {
            try {
                return get(reference);
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
                    throw e;
                }
            }
        }
        ProgressStream<PullProgress> progress = pulls.start(reference, "", "");
        if (!out.pullProgress(progress)) {
            throw new BuildFailure.Reported("pull of " + reference + " failed");
        }
        return get(reference);
    }

    Image get(String reference) {
        return images.getImage(GetImageRequest.newBuilder().setReference(reference).build());
    }
}
