package dev.berth.image.api;

import dev.berth.common.error.GrpcStatuses;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.berth.image.catalog.ImageCatalog;
import dev.berth.image.gc.BlobCollector;
import dev.berth.common.error.BerthException;
import dev.berth.image.importer.ImageImporter;
import dev.berth.image.importer.ImportOptions;
import dev.berth.image.importer.StagingArea;
import dev.berth.image.store.ImageRecord;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImportHeader;
import dev.berth.proto.v1.ImportImageRequest;
import io.grpc.stub.StreamObserver;

/**
 * One ImportImage call: the header, then tarball chunks staged to a scratch file, imported when the
 * client half-closes. After the first failure the rest of the stream is ignored; the scratch file
 * is removed whatever happens.
 */
final class ImportUpload implements StreamObserver<ImportImageRequest> {

    private final ImageImporter importer;
    private final ImageCatalog catalog;
    private final StagingArea staging;
    private final BlobCollector collector;
    private final StreamObserver<Image> responses;
    private ImportHeader header;
    private Path stagedFile;
    private OutputStream staged;
    private boolean finished;

    ImportUpload(ImageImporter importer, ImageCatalog catalog, StagingArea staging, BlobCollector collector,
            StreamObserver<Image> responses) {
        this.importer = importer;
        this.catalog = catalog;
        this.staging = staging;
        this.collector = collector;
        this.responses = responses;
    }

    @Override
    public void onNext(ImportImageRequest request) {
        if (finished) {
            return;
        }
        try {
            if (header == null) {
                if (!request.hasHeader()) {
                    throw BerthException.invalid("the first ImportImage message must be the header");
                }
                header = request.getHeader();
                stagedFile = staging.newFile();
                staged = Files.newOutputStream(stagedFile);
            } else if (request.hasHeader()) {
                throw BerthException.invalid("ImportImage takes one header");
            } else {
                request.getChunk().writeTo(staged);
            }
        } catch (IOException e) {
            fail(new UncheckedIOException(e));
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public void onError(Throwable clientError) {
        finished = true;
        cleanUp();
    }

    @Override
    public void onCompleted() {
        if (finished) {
            return;
        }
        try {
            if (header == null) {
                throw BerthException.invalid("ImportImage needs a header");
            }
            staged.close();
            ImageRecord image;
            try (InputStream tarball = Files.newInputStream(stagedFile);
                    BlobCollector.Lease lease = collector.lease()) {
                image = importer.importImage(options(header), tarball);
            }
            finished = true;
            responses.onNext(ImageProtoMapper.toProto(catalog.resolve(image.id().toString())));
            responses.onCompleted();
        } catch (IOException e) {
            fail(new UncheckedIOException(e));
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            cleanUp();
        }
    }

    private static ImportOptions options(ImportHeader header) {
        return ImportOptions.of(header.getRepo(), header.getTag(), header.getChangesList(), header.getMessage(),
                header.getPlatform());
    }

    private void fail(RuntimeException error) {
        finished = true;
        cleanUp();
        responses.onError(GrpcStatuses.toStatus(error));
    }

    private void cleanUp() {
        try {
            if (staged != null) {
                staged.close();
            }
            if (stagedFile != null) {
                Files.deleteIfExists(stagedFile);
            }
        } catch (IOException ignored) {
            // a scratch file left behind is removed at the next start
        }
    }
}
