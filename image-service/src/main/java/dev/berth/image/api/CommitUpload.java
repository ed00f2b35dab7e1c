package dev.berth.image.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;

import com.google.protobuf.ByteString;

import dev.berth.image.catalog.ImageCatalog;
import dev.berth.image.gc.BlobCollector;
import dev.berth.image.importer.CommitOptions;
import dev.berth.image.importer.ImageCommitter;
import dev.berth.image.importer.StagingArea;
import dev.berth.image.store.ImageRecord;
import dev.berth.proto.v1.CommitHeader;
import dev.berth.proto.v1.CommitImageRequest;
import dev.berth.proto.v1.Image;
import io.grpc.stub.StreamObserver;

/**
 * One CommitImage call: the layer committed as it arrives ({@link StagedUpload}), holding a lease
 * so that a collection meanwhile keeps the parent's and the new blobs.
 */
final class CommitUpload extends StagedUpload<CommitImageRequest, CommitHeader, Image> {

    private final ImageCommitter committer;
    private final ImageCatalog catalog;
    private final BlobCollector collector;

    CommitUpload(ImageCommitter committer, ImageCatalog catalog, StagingArea staging, BlobCollector collector,
            StreamObserver<Image> responses, Executor streaming) {
        super("CommitImage", staging, responses, streaming);
        this.committer = committer;
        this.catalog = catalog;
        this.collector = collector;
    }

    @Override
    CommitHeader headerOf(CommitImageRequest request) {
        return request.hasHeader() ? request.getHeader() : null;
    }

    @Override
    ByteString chunkOf(CommitImageRequest request) {
        return request.getChunk();
    }

    @Override
    Image process(CommitHeader header, InputStream layer) throws IOException {
        CommitOptions options = new CommitOptions(header.getParent(), ImageProtoMapper.runConfig(header.getConfig()),
                header.getChangesList(), header.getComment(), header.getAuthor(),
                CommitOptions.tagOf(header.getRepo(), header.getTag()), header.getCreatedBy(), header.getEmptyLayer(),
                header.getCacheKey());
        ImageRecord image;
        try (BlobCollector.Lease lease = collector.lease()) {
            image = committer.commit(options, layer);
        }
        return ImageProtoMapper.toProto(catalog.resolve(image.id().toString()));
    }
}
