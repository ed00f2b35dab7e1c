package dev.berth.gateway.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

import com.google.protobuf.ByteString;

import dev.berth.gateway.api.GrpcErrors;
import dev.berth.gateway.backend.ReadyGate;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;

/**
 * A client-streaming upload to image-service (import, load): a header message, then the request
 * body 64 KiB at a time, each sent only when gRPC's flow control says the stream is ready, so the
 * body is never held in memory. A refusal from the service stops the reading at once.
 * Also used by {@code docker cp} (archive) for its uploads to a node.
 */
public final class StreamedUpload<Q, R> implements ClientResponseObserver<Q, R> {

    static final int CHUNK = 64 * 1024;

    private final CompletableFuture<R> result = new CompletableFuture<>();
    private final String what;
    private ClientCallStreamObserver<Q> requests;
    private ReadyGate ready;

    private StreamedUpload(String what) {
        this.what = what;
    }

    /**
     * @param call  starts the call on the async stub with the given response observer
     * @param what  names the operation in the error of a call that ends without an answer
     * @throws dev.berth.gateway.api.DockerApiException with the service's refusal
     */
    public static <Q, R> R upload(Consumer<StreamObserver<R>> call, Q header, Function<ByteString, Q> chunk,
            InputStream body, String what) throws IOException, InterruptedException {
        StreamedUpload<Q, R> upload = new StreamedUpload<>(what);
        call.accept(upload);
        upload.send(header);
        byte[] buffer = new byte[CHUNK];
        try {
            for (int n = body.readNBytes(buffer, 0, CHUNK); n > 0; n = body.readNBytes(buffer, 0, CHUNK)) {
                if (upload.result.isDone()) {
                    break; // the service already answered (a refusal): stop reading
                }
                upload.send(chunk.apply(ByteString.copyFrom(buffer, 0, n)));
            }
        } catch (IOException e) {
            upload.requests.cancel("client body ended early", e);
            throw e;
        }
        upload.requests.onCompleted();
        try {
            return upload.result.get();
        } catch (ExecutionException e) {
            throw GrpcErrors.toDocker(e.getCause());
        }
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
        requests = requestStream;
        ready = new ReadyGate(requestStream);
    }

    private void send(Q request) throws InterruptedException {
        ready.await(result::isDone);
        if (!result.isDone()) {
            requests.onNext(request);
        }
    }

    @Override
    public void onNext(R answer) {
        result.complete(answer);
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
        ready.open();
    }

    @Override
    public void onCompleted() {
        result.completeExceptionally(new IllegalStateException(what + " ended without an answer"));
    }
}
