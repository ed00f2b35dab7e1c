package dev.berth.container.image;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.stereotype.Component;

import dev.berth.common.error.BerthException;
import dev.berth.container.config.ContainerProperties;
import dev.berth.proto.channel.Channels;
import dev.berth.proto.v1.GetImageRequest;
import dev.berth.proto.v1.Image;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.ListImagesRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Resolves the image a create names, through image-service. An unknown image is Docker's 404
 * "No such image: REF", on which the CLI pulls and creates again: the engine never pulls on
 * create.
 */
@Component
public class ImageResolver implements DisposableBean {

    private final ManagedChannel channel;

    public ImageResolver(GrpcChannelFactory channels, ContainerProperties properties) {
        this.channel = Channels.create(channels, "image-service", properties.imageService());
    }

    /** The image, or empty when image-service knows none of that reference. */
    public Optional<Image> find(String reference) {
        try {
            return Optional.of(resolve(reference));
        } catch (BerthException e) {
            if (e.kind() == BerthException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Image resolve(String reference) {
        try {
            return ImageServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .getImage(GetImageRequest.newBuilder().setReference(reference).build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                throw BerthException.notFound("No such image: " + reference);
            }
            throw e;
        }
    }

    /** Every image image-service holds, untagged ones too. */
    public List<Image> all() {
        return ImageServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .listImages(ListImagesRequest.newBuilder().setAll(true).build()).getImagesList();
    }

    @Override
    public void destroy() {
        channel.shutdownNow();
    }
}
