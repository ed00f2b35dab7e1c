package dev.berth.gateway.image;

import com.google.protobuf.ByteString;
import dev.berth.gateway.api.GrpcErrors;
import dev.berth.gateway.backend.ReadyGate;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.ImportHeader;
import dev.berth.proto.v1.ImportImageRequest;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Streams a tarball into ImageService.ImportImage, 64 KiB at a time, sending only when gRPC's
 * flow control says the stream is ready: the body is never held in memory.
 */
@Component
class ImageImporter {

    static final int CHUNK = 64 * 1024;

    private final ImageServiceGrpc.ImageServiceStub images;

    ImageImporter(ImageServiceGrpc.ImageServiceStub imageServiceAsync) {
        this.images = imageServiceAsync;
    }

    Image importTarball(ImportHeader header, InputStream tarball) throws IOException, InterruptedException {
        ImportCall call = new ImportCall();
        images.importImage(call);
        call.send(ImportImageRequest.newBuilder().setHeader(header).build());
        byte[] buffer = new byte[CHUNK];
        try {
            for (int n = tarball.readNBytes(buffer, 0, CHUNK); n > 0; n = tarball.readNBytes(buffer, 0, CHUNK)) {
                if (call.result.isDone()) {
                    break; // the service already answered (a refusal): stop reading
                }
                call.send(ImportImageRequest.newBuilder().setChunk(ByteString.copyFrom(buffer, 0, n)).build());
            }
        } catch (IOException e) {
            call.requests.cancel("client body ended early", e);
            throw e;
        }
        call.requests.onCompleted();
        try {
            return call.result.get();
        } catch (ExecutionException e) {
            throw GrpcErrors.toDocker(e.getCause());
        }
    }

    /** The client side of one import call, sending only when the stream is ready. */
    private static final class ImportCall implements ClientResponseObserver<ImportImageRequest, Image> {
        private final CompletableFuture<Image> result = new CompletableFuture<>();
        private ClientCallStreamObserver<ImportImageRequest> requests;
        private ReadyGate ready;

        @Override
        public void beforeStart(ClientCallStreamObserver<ImportImageRequest> requestStream) {
            requests = requestStream;
            ready = new ReadyGate(requestStream);
        }

        void send(ImportImageRequest request) throws InterruptedException {
            ready.await(result::isDone);
            if (!result.isDone()) {
                requests.onNext(request);
            }
        }

        @Override
        public void onNext(Image image) {
            result.complete(image);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
            ready.open();
        }

        @Override
        public void onCompleted() {
            result.completeExceptionally(new IllegalStateException("import ended without an image"));
        }
    }
}
