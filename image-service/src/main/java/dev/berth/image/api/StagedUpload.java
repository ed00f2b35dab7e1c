package dev.berth.image.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

import com.google.protobuf.ByteString;

import dev.berth.common.error.BerthException;
import dev.berth.common.error.GrpcStatuses;
import dev.berth.image.importer.StagingArea;
import io.grpc.stub.StreamObserver;

/**
 * One client-streaming upload (import, load, commit): a header message, then body chunks. A body
 * that must be read in any order (docker load's archive) is staged to a scratch file and processed
 * when the client half-closes; one read front to back (a layer) is processed as it arrives, on a
 * thread of its own ({@link ChunkPipe}), and answered once the client half-closed. After the first
 * failure the rest of the stream is ignored; the scratch file goes whatever happens.
 *
 * @param <Q> the request message: a header or a chunk
 * @param <H> the header
 * @param <R> the answer
 */
abstract class StagedUpload<Q, H, R> implements StreamObserver<Q> {

    private final String rpc;
    private final StagingArea staging;
    private final StreamObserver<R> responses;
    /** Null: the body is staged first. */
    private final Executor streaming;
    private H header;
    private Path stagedFile;
    private OutputStream staged;
    private ChunkPipe pipe;
    private Future<R> processing;
    private boolean finished;

    StagedUpload(String rpc, StagingArea staging, StreamObserver<R> responses) {
        this(rpc, staging, responses, null);
    }

    /** @param streaming runs {@link #process} while the body arrives */
    StagedUpload(String rpc, StagingArea staging, StreamObserver<R> responses, Executor streaming) {
        this.rpc = rpc;
        this.staging = staging;
        this.responses = responses;
        this.streaming = streaming;
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
                if (streaming != null) {
                    startProcessing(requestHeader);
                } else {
                    stagedFile = staging.newFile();
                    staged = Files.newOutputStream(stagedFile);
                }
            } else if (requestHeader != null) {
                throw BerthException.invalid(rpc + " takes one header");
            } else if (pipe != null) {
                if (processing.isDone()) {
                    finish(); // refused before the body's end: answer now, the client stops sending
                    return;
                }
                pipe.put(chunkOf(request));
            } else {
                chunkOf(request).writeTo(staged);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(BerthException.internal(rpc + " was interrupted", e));
        } catch (IOException e) {
            fail(new UncheckedIOException(e));
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void startProcessing(H requestHeader) {
        ChunkPipe chunks = new ChunkPipe();
        FutureTask<R> task = new FutureTask<>(() -> {
            try {
                return process(requestHeader, chunks.input());
            } finally {
                chunks.readerDone();
            }
        });
        pipe = chunks;
        processing = task;
        streaming.execute(task);
    }

    /** Answers with what the processing came to, once it is done. */
    private void finish() {
        try {
            R answer = processing.get();
            finished = true;
            responses.onNext(answer);
            responses.onCompleted();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            fail(cause instanceof RuntimeException runtime ? runtime
                    : cause instanceof IOException io ? new UncheckedIOException(io)
                    : BerthException.internal(String.valueOf(cause), cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(BerthException.internal(rpc + " was interrupted", e));
        }
    }

    @Override
    public void onError(Throwable clientError) {
        finished = true;
        if (pipe != null) {
            pipe.fail(clientError);
        }
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
            if (pipe != null) {
                pipe.end();
                finish();
                return;
            }
            staged.close();
            R answer;
            try (InputStream body = Files.newInputStream(stagedFile)) {
                answer = process(header, body);
            }
            finished = true;
            responses.onNext(answer);
            responses.onCompleted();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(BerthException.internal(rpc + " was interrupted", e));
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
        if (pipe != null) {
            pipe.fail(error);
        }
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
