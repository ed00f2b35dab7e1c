package dev.berth.image.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.berth.common.error.BerthException;
import dev.berth.common.error.GrpcStatuses;
import dev.berth.image.archive.ImageLoader;
import dev.berth.image.importer.StagingArea;
import dev.berth.proto.v1.LoadImagesRequest;
import dev.berth.proto.v1.LoadImagesResponse;
import io.grpc.stub.StreamObserver;

/**
 * One LoadImages call: the header, then archive chunks staged to a scratch file (a tar's entries
 * come in any order), loaded when the client half-closes. The scratch file goes whatever happens.
 */
final class LoadUpload implements StreamObserver<LoadImagesRequest> {

    private final ImageLoader loader;
    private final StagingArea staging;
    private final StreamObserver<LoadImagesResponse> responses;
    private boolean headerSeen;
    private Path stagedFile;
    private OutputStream staged;
    private boolean finished;

    LoadUpload(ImageLoader loader, StagingArea staging, StreamObserver<LoadImagesResponse> responses) {
        this.loader = loader;
        this.staging = staging;
        this.responses = responses;
    }

    @Override
    public void onNext(LoadImagesRequest request) {
        if (finished) {
            return;
        }
        try {
            if (!headerSeen) {
                if (!request.hasHeader()) {
                    throw BerthException.invalid("the first LoadImages message must be the header");
                }
                headerSeen = true;
                stagedFile = staging.newFile();
                staged = Files.newOutputStream(stagedFile);
            } else if (request.hasHeader()) {
                throw BerthException.invalid("LoadImages takes one header");
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
            if (!headerSeen) {
                throw BerthException.invalid("LoadImages needs a header");
            }
            staged.close();
            LoadImagesResponse.Builder response = LoadImagesResponse.newBuilder();
            try (InputStream archive = Files.newInputStream(stagedFile)) {
                response.addAllMessages(loader.load(archive));
            }
            finished = true;
            responses.onNext(response.build());
            responses.onCompleted();
        } catch (IOException e) {
            fail(new UncheckedIOException(e));
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            cleanUp();
        }
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
            // the staging area is emptied at the next start
        }
    }
}
