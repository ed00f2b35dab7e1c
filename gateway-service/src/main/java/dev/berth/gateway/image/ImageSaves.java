package dev.berth.gateway.image;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;

import dev.berth.gateway.api.GrpcErrors;
import dev.berth.proto.v1.BlobChunk;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.SaveImagesRequest;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

/**
 * docker save: ImageService.SaveImages copied to the response as it arrives (a tar, never whole
 * in memory). The first chunk is awaited before the status is sent, so an unknown name is a 404.
 */
@Component
class ImageSaves {

    static final String TAR = "application/x-tar";

    private final ImageServiceGrpc.ImageServiceBlockingStub images;

    ImageSaves(ImageServiceGrpc.ImageServiceBlockingStub images) {
        this.images = images;
    }

    void save(List<String> names, HttpServletResponse response) throws IOException {
        Context.CancellableContext call = Context.current().withCancellation();
        try {
            Iterator<BlobChunk> chunks;
            try {
                chunks = call.call(() -> images.saveImages(SaveImagesRequest.newBuilder().addAllNames(names).build()));
                chunks.hasNext();
            } catch (StatusRuntimeException e) {
                throw GrpcErrors.toDocker(e);
            } catch (Exception e) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(TAR);
            OutputStream out = response.getOutputStream();
            // a failure mid-way can only cut the tar short: the client then sees a truncated archive
            while (chunks.hasNext()) {
                chunks.next().getData().writeTo(out);
            }
            out.flush();
        } finally {
            call.cancel(null);
        }
    }
}
