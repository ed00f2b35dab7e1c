package dev.berth.gateway.commit;

import dev.berth.gateway.backend.NodeChannels;
import dev.berth.gateway.image.StreamedUpload;
import dev.berth.proto.v1.ArchiveChunk;
import dev.berth.proto.v1.ArchivePathRequest;
import dev.berth.proto.v1.CommitHeader;
import dev.berth.proto.v1.CommitImageRequest;
import dev.berth.proto.v1.Container;
import dev.berth.proto.v1.ContainerRef;
import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.ContainerStatus;
import dev.berth.proto.v1.ContainerVerbsGrpc;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageServiceGrpc;
import io.grpc.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import org.springframework.stereotype.Component;

/**
 * docker commit (and, later, the builder's steps): the container's writable layer, read from its
 * node as an OCI layer tar, streamed into image-service as a new image on the container's image.
 * A running container is paused meanwhile when asked, so that the layer is consistent, and
 * unpaused after, whatever happened.
 */
@Component
public class ContainerCommitter {

    private final ContainerServiceGrpc.ContainerServiceBlockingStub containers;
    private final ContainerVerbsGrpc.ContainerVerbsBlockingStub verbs;
    private final ImageServiceGrpc.ImageServiceStub images;
    private final NodeChannels nodes;

    ContainerCommitter(ContainerServiceGrpc.ContainerServiceBlockingStub containers,
            ContainerVerbsGrpc.ContainerVerbsBlockingStub verbs, ImageServiceGrpc.ImageServiceStub imageServiceAsync,
            NodeChannels nodes) {
        this.containers = containers;
        this.verbs = verbs;
        this.images = imageServiceAsync;
        this.nodes = nodes;
    }

    public Image commit(CommitRequest request) throws IOException, InterruptedException {
        Container container = containers.getContainer(ContainerRef.newBuilder().setRef(request.containerRef()).build());
        boolean pause = request.pause() && container.getState().getStatus() == ContainerStatus.CONTAINER_STATUS_RUNNING;
        ContainerRef ref = ContainerRef.newBuilder().setRef(container.getId()).build();
        if (pause) {
            verbs.pauseContainer(ref);
        }
        Context.CancellableContext call = Context.current().withCancellation();
        Context previous = call.attach();
        try {
            Iterator<ArchiveChunk> chunks = nodes.nodeArchiveBlocking(container.getNodeAddress()).exportChanges(
                    ArchivePathRequest.newBuilder().setContainerId(container.getId())
                            .setContainerRef(request.containerRef()).build());
            CommitHeader header = CommitHeader.newBuilder()
                    .setParent(container.getImageId())
                    .setConfig(request.config())
                    .addAllChanges(request.changes())
                    .setComment(request.comment())
                    .setAuthor(request.author())
                    .setRepo(request.repo())
                    .setTag(request.tag())
                    .setCreatedBy(request.createdBy())
                    .setCacheKey(request.cacheKey())
                    .build();
            try (InputStream layer = new ChunkInputStream(chunks)) {
                return StreamedUpload.upload(images::commitImage, CommitImageRequest.newBuilder().setHeader(header).build(),
                        data -> CommitImageRequest.newBuilder().setChunk(data).build(), layer, "commit");
            }
        } finally {
            call.cancel(null);
            call.detach(previous);
            if (pause) {
                verbs.unpauseContainer(ref);
            }
        }
    }
}
