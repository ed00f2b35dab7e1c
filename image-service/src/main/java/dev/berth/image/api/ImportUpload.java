package dev.berth.image.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;

import com.google.protobuf.ByteString;

import dev.berth.image.catalog.ImageCatalog;
import dev.berth.image.gc.BlobCollector;
import dev.berth.image.importer.ImageImporter;
import dev.berth.image.importer.ImportOptions;
import dev.berth.image.importer.StagingArea;
import dev.berth.image.store.ImageRecord;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImportHeader;
import dev.berth.proto.v1.ImportImageRequest;
import io.grpc.stub.StreamObserver;

/**
 * One ImportImage call: the tarball imported as it arrives ({@link StagedUpload}), holding a lease
 * so that a collection meanwhile keeps its blobs.
 */
final class ImportUpload extends StagedUpload<ImportImageRequest, ImportHeader, Image> {

    private final ImageImporter importer;
    private final ImageCatalog catalog;
    private final BlobCollector collector;

    ImportUpload(ImageImporter importer, ImageCatalog catalog, StagingArea staging, BlobCollector collector,
            StreamObserver<Image> responses, Executor streaming) {
        super("ImportImage", staging, responses, streaming);
        this.importer = importer;
        this.catalog = catalog;
        this.collector = collector;
    }

    @Override
    ImportHeader headerOf(ImportImageRequest request) {
        return request.hasHeader() ? request.getHeader() : null;
    }

    @Override
    ByteString chunkOf(ImportImageRequest request) {
        return request.getChunk();
    }

    @Override
    Image process(ImportHeader header, InputStream tarball) throws IOException {
        ImageRecord image;
        try (BlobCollector.Lease lease = collector.lease()) {
            image = importer.importImage(options(header), tarball);
        }
        return ImageProtoMapper.toProto(catalog.resolve(image.id().toString()));
    }

    private static ImportOptions options(ImportHeader header) {
        return ImportOptions.of(header.getRepo(), header.getTag(), header.getChangesList(), header.getMessage(),
                header.getPlatform());
    }
}
