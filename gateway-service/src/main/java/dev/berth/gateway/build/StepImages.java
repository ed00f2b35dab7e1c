package dev.berth.gateway.build;

import dev.berth.gateway.commit.CommitRequest;
import dev.berth.gateway.commit.ContainerCommitter;
import dev.berth.gateway.image.StreamedUpload;
import dev.berth.proto.v1.CachedStepQuery;
import dev.berth.proto.v1.CommitHeader;
import dev.berth.proto.v1.CommitImageRequest;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ImageConfig;
import dev.berth.proto.v1.ImageServiceGrpc;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The images a build's steps make, each on the one before (its parent), and the build cache that
 * finds a step's image again by its parent and {@link CacheKeys its key}.
 */
@Component
class StepImages {

    private final ImageServiceGrpc.ImageServiceBlockingStub images;
    private final ImageServiceGrpc.ImageServiceStub imagesAsync;
    private final ContainerCommitter committer;

    StepImages(ImageServiceGrpc.ImageServiceBlockingStub imageService, ImageServiceGrpc.ImageServiceStub imageServiceAsync,
               ContainerCommitter committer) {
        this.images = imageService;
        this.imagesAsync = imageServiceAsync;
        this.committer = committer;
    }

    /** The image a step with this key made on {@code parent} before ("" parent: on nothing). */
    Optional<String> cached(String parent, String cacheKey) {
        String id = images.findCachedStep(CachedStepQuery.newBuilder().setParent(parent).setCacheKey(cacheKey).build())
                .getImageId();
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    /** A step that changed the config only: an image without a new layer. */
    String commitConfig(String parent, ImageConfig config, String author, String createdBy, String cacheKey)
            throws IOException, InterruptedException {
        return commitLayer(parent, config, author, createdBy, cacheKey, null);
    }

    /** A step whose layer is a tar the builder made itself (a COPY onto nothing); null: no layer. */
    String commitLayer(String parent, ImageConfig config, String author, String createdBy, String cacheKey,
                       InputStream layer) throws IOException, InterruptedException {
        CommitHeader header = CommitHeader.newBuilder()
                .setParent(parent).setConfig(config).setAuthor(author).setCreatedBy(createdBy)
                .setCacheKey(cacheKey).setEmptyLayer(layer == null).build();
        return StreamedUpload.upload(imagesAsync::commitImage, CommitImageRequest.newBuilder().setHeader(header).build(),
                data -> CommitImageRequest.newBuilder().setChunk(data).build(),
                layer == null ? InputStream.nullInputStream() : layer, "build step").getId();
    }

    /** A step that ran in (or copied into) a container: its writable layer on the container's image. */
    String commitContainer(Container container, ImageConfig config, String author, String createdBy, String cacheKey)
            throws IOException, InterruptedException {
        return committer.commit(new CommitRequest(container.getId(), "", "", "", author, config, List.of(), false,
                createdBy, cacheKey)).getId();
    }
}
