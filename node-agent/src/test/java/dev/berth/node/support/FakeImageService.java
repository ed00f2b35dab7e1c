package dev.berth.node.support;

import com.google.protobuf.ByteString;
import dev.berth.proto.v1.BlobChunk;
import dev.berth.proto.v1.GetImageRequest;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.Layer;
import dev.berth.proto.v1.ReadBlobRequest;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An image-service on a random local port serving in-memory images and blobs. */
public final class FakeImageService extends ImageServiceGrpc.ImageServiceImplBase {

    private final Map<String, Image> images = new ConcurrentHashMap<>();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final AtomicInteger blobReads = new AtomicInteger();
    private Server server;

    public int start() throws IOException {
        server = ServerBuilder.forPort(0).addService(this).build().start();
        return server.getPort();
    }

    public void stop() {
        server.shutdownNow();
    }

    /** Adds an image of uncompressed layers (bottom first); returns its id. */
    public String addImage(String id, byte[]... layers) {
        Image.Builder image = Image.newBuilder().setId(id);
        for (byte[] layer : layers) {
            String digest = BusyboxImage.sha256(layer);
            blobs.put(digest, layer);
            image.addLayers(Layer.newBuilder().setDigest(digest).setDiffId(digest).setSize(layer.length)
                    .setMediaType("application/vnd.oci.image.layer.v1.tar"));
        }
        images.put(id, image.build());
        return id;
    }

    public int blobReads() {
        return blobReads.get();
    }

    @Override
    public void getImage(GetImageRequest request, StreamObserver<Image> responses) {
        Image image = images.get(request.getReference());
        if (image == null) {
            responses.onError(Status.NOT_FOUND.withDescription("No such image: " + request.getReference()).asRuntimeException());
            return;
        }
        responses.onNext(image);
        responses.onCompleted();
    }

    @Override
    public void readBlob(ReadBlobRequest request, StreamObserver<BlobChunk> responses) {
        byte[] blob = blobs.get(request.getDigest());
        if (blob == null) {
            responses.onError(Status.NOT_FOUND.asRuntimeException());
            return;
        }
        blobReads.incrementAndGet();
        for (int offset = 0; offset < blob.length; offset += 65536) {
            int end = Math.min(blob.length, offset + 65536);
            responses.onNext(BlobChunk.newBuilder().setData(ByteString.copyFrom(blob, offset, end - offset)).build());
        }
        responses.onCompleted();
    }
}
