package dev.berth.gateway.fake;

import com.google.protobuf.Timestamp;
import dev.berth.proto.v1.GetImageRequest;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageConfig;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.ImportImageRequest;
import dev.berth.proto.v1.Layer;
import dev.berth.proto.v1.ListImagesRequest;
import dev.berth.proto.v1.ListImagesResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** image-service with a fixed set of images; imports record the chunk sizes they received. */
public class FakeImageService extends ImageServiceGrpc.ImageServiceImplBase {

    public static final String BUSYBOX_ID = "sha256:" + "b".repeat(64);

    public final Map<String, Image> byReference = new ConcurrentHashMap<>();
    public final List<Integer> importedChunkSizes = new CopyOnWriteArrayList<>();
    public volatile ImportImageRequest lastImportHeader;

    public FakeImageService() {
        Image busybox = Image.newBuilder()
                .setId(BUSYBOX_ID)
                .addRepoTags("busybox:latest")
                .setCreated(Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(120_000_000))
                .setArchitecture("amd64").setOs("linux").setSize(4_261_550)
                .setConfig(ImageConfig.newBuilder()
                        .addEnv("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
                        .addEnv("LANG=C")
                        .addCmd("sh")
                        .putLabels("maintainer", "busybox")
                        .putLabels("tier", "base")
                        .setWorkingDir("/home"))
                .addLayers(Layer.newBuilder().setDigest("sha256:" + "1".repeat(64)).setDiffId("sha256:" + "2".repeat(64)))
                .build();
        byReference.put("busybox", busybox);
        byReference.put("busybox:latest", busybox);
        byReference.put("myreg:5000/ns/x:1", busybox.toBuilder().clearRepoTags().addRepoTags("myreg:5000/ns/x:1").build());
        byReference.put("nocmd", Image.newBuilder().setId("sha256:" + "c".repeat(64)).build());
    }

    /** Whether an image of that reference exists (the fake container-service resolves with it). */
    public boolean knows(String reference) {
        return byReference.containsKey(reference);
    }

    @Override
    public void getImage(GetImageRequest request, StreamObserver<Image> response) {
        Image image = byReference.get(request.getReference());
        if (image == null) {
            response.onError(Status.NOT_FOUND.withDescription("No such image: " + request.getReference()).asRuntimeException());
            return;
        }
        response.onNext(image);
        response.onCompleted();
    }

    @Override
    public void listImages(ListImagesRequest request, StreamObserver<ListImagesResponse> response) {
        response.onNext(ListImagesResponse.newBuilder().addImages(byReference.get("busybox")).build());
        response.onCompleted();
    }

    @Override
    public StreamObserver<ImportImageRequest> importImage(StreamObserver<Image> response) {
        importedChunkSizes.clear();
        return new StreamObserver<>() {
            long total;

            @Override
            public void onNext(ImportImageRequest part) {
                if (part.hasHeader()) {
                    lastImportHeader = part;
                } else {
                    importedChunkSizes.add(part.getChunk().size());
                    total += part.getChunk().size();
                }
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                if (total == 0) {
                    response.onError(Status.INVALID_ARGUMENT.withDescription("empty tarball").asRuntimeException());
                    return;
                }
                response.onNext(Image.newBuilder().setId("sha256:" + "e".repeat(64)).build());
                response.onCompleted();
            }
        };
    }
}
