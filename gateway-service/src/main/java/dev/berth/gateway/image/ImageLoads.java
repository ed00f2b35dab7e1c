package dev.berth.gateway.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import com.google.protobuf.ByteString;
import dev.berth.gateway.api.GrpcErrors;
import dev.berth.gateway.backend.ReadyGate;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.LoadHeader;
import dev.berth.proto.v1.LoadImagesRequest;
import dev.berth.proto.v1.LoadImagesResponse;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import org.springframework.stereotype.Component;

/**
 * docker load: the request body streamed into ImageService.LoadImages 64 KiB at a time, only when
 * gRPC's flow control says the stream is ready.
 */
@Component
class ImageLoads {

    private final ImageServiceGrpc.ImageServiceStub images;

    ImageLoads(ImageServiceGrpc.ImageServiceStub imageServiceAsync) {
        this.images = imageServiceAsync;
    }

    /** @return Docker's "Loaded image: ..." lines */
    List<String> load(boolean quiet, InputStream archive) throws IOException, InterruptedException {
        LoadCall call = new LoadCall();
        images.loadImages(call);
        call.send(LoadImagesRequest.newBuilder().setHeader(LoadHeader.newBuilder().setQuiet(quiet)).build());
        byte[] buffer = new byte[ImageImporter.CHUNK];
        try {
            for (int n = archive.readNBytes(buffer, 0, buffer.length); n > 0;
                    n = archive.readNBytes(buffer, 0, buffer.length)) {
                if (call.result.isDone()) {
                    break; // refused already: stop reading
                }
                call.send(LoadImagesRequest.newBuilder().setChunk(ByteString.copyFrom(buffer, 0, n)).build());
            }
        } catch (IOException e) {
            call.requests.cancel("client body ended early", e);
            throw e;
        }
        call.requests.onCompleted();
        try {
            return call.result.get().getMessagesList();
        } catch (ExecutionException e) {
            throw GrpcErrors.toDocker(e.getCause());
        }
    }

    private static final class LoadCall implements ClientResponseObserver<LoadImagesRequest, LoadImagesResponse> {
        private final CompletableFuture<LoadImagesResponse> result = new CompletableFuture<>();
        private ClientCallStreamObserver<LoadImagesRequest> requests;
        private ReadyGate ready;

        @Override
        public void beforeStart(ClientCallStreamObserver<LoadImagesRequest> requestStream) {
            requests = requestStream;
            ready = new ReadyGate(requestStream);
        }

        void send(LoadImagesRequest request) throws InterruptedException {
            ready.await(result::isDone);
            if (!result.isDone()) {
                requests.onNext(request);
            }
        }

        @Override
        public void onNext(LoadImagesResponse response) {
            result.complete(response);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
            ready.open();
        }

        @Override
        public void onCompleted() {
            result.completeExceptionally(new IllegalStateException("load ended without an answer"));
        }
    }
}
