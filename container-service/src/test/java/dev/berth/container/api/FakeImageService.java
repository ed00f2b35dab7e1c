package dev.berth.container.api;

import java.io.IOException;
import java.net.InetSocketAddress;

import dev.berth.proto.v1.GetImageRequest;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageConfig;
import dev.berth.proto.v1.ImageServiceGrpc;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

/**
 * An image-service stand-in on a real port of 127.0.0.1 that knows one image, {@code busybox}
 * (Cmd {@code sh}, a PATH and a label), under any tag; every other reference is unknown.
 */
final class FakeImageService extends ImageServiceGrpc.ImageServiceImplBase implements AutoCloseable {

    static final String BUSYBOX_ID = "sha256:" + "cd".repeat(32);
    static final ImageConfig BUSYBOX_CONFIG = ImageConfig.newBuilder().addCmd("sh").addEnv("PATH=/bin")
            .putLabels("from", "image").setCmdSet(true).build();

    private final Server server;

    FakeImageService() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(this).build().start();
    }

    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    @Override
    public void getImage(GetImageRequest request, StreamObserver<Image> response) {
        if (!request.getReference().equals("busybox") && !request.getReference().startsWith("busybox:")) {
            response.onError(Status.NOT_FOUND.withDescription("No such image: " + request.getReference())
                    .asRuntimeException());
            return;
        }
        response.onNext(Image.newBuilder().setId(BUSYBOX_ID).addRepoTags("busybox:latest").setConfig(BUSYBOX_CONFIG)
                .build());
        response.onCompleted();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
