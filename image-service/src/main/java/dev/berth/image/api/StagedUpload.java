package dev.berth.image.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.protobuf.ByteString;

import dev.berth.common.error.BerthException;
import dev.berth.common.error.GrpcStatuses;
import dev.berth.image.importer.StagingArea;
import io.grpc.stub.StreamObserver;

/**
 * One client-streaming upload (import, load): a header message, then body chunks staged to a
 * scratch file (a tar's entries come in any order), processed when the client half-closes. After
 * the first failure the rest of the stream is ignored; the scratch file goes whatever happens.
 *
 * @param <Q> the request message: a header or a chunk
 * @param <H> the header
 * @param <R> the answer
 */
abstract class StagedUpload<Q, H, R> implements StreamObserver<Q> {

    private final String rpc;
    private final StagingArea staging;
    private final StreamObserver<R> responses;
    private H header;
    private Path stagedFile;
    private OutputStream staged;
    private boolean finished;

    StagedUpload(String rpc, StagingArea staging, StreamObserver<R> responses) {
        this.rpc = rpc;
        this.staging = staging;
        this.responses = responses;
    }

    /** The request's header, or null when it is a chunk. */
    abstract H headerOf(Q request);

    abstract ByteString chunkOf(Q request);

    /** Works on the whole staged body; the answer goes to the client. */
    abstract R process(H header, InputStream body) throws IOException;

    @Override
    public void onNext(Q request) {
        if (finished) {
            return;
        }
        try {
            H requestHeader = headerOf(request);
            if (header == null) {
                if (requestHeader == null) {
                    throw BerthException.invalid("the first " + rpc + " message must be the header");
                }
                header = requestHeader;
                stagedFile = staging.newFile();
                staged = Files.newOutputStream(stagedFile);
            } else if (requestHeader != null) {
                throw BerthException.invalid(rpc + " takes one header");
            } else {
                chunkOf(request).writeTo(staged);
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
                throw BerthException.invalid(rpc + " needs a header");
            }
            staged.close();
            R answer;
            try (InputStream body = Files.newInputStream(stagedFile)) {
                answer = process(header, body);
            }
            finished = true;
            responses.onNext(answer);
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
            // a scratch file left behind is removed at the next start
        }
    }
}
