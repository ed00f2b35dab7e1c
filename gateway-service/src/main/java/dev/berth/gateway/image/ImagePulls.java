package dev.berth.gateway.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import dev.berth.gateway.api.GrpcErrors;
import dev.berth.proto.v1.ImageServiceGrpc;
import dev.berth.proto.v1.PullImageRequest;
import dev.berth.proto.v1.PullProgress;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;

/**
 * Runs ImageService.PullImage for {@code POST /images/create?fromImage=}. The call's first event
 * is awaited before any byte is answered: until the manifest is resolved, a failure is a plain
 * HTTP error (400 invalid reference, 404 manifest unknown, 500 registry down), as with dockerd.
 * After that the events stream as JSON lines, each flushed as it comes, and a failure is the
 * stream's last line.
 */
@Component
class ImagePulls {

    private final ImageServiceGrpc.ImageServiceBlockingStub images;

    ImagePulls(ImageServiceGrpc.ImageServiceBlockingStub images) {
        this.images = images;
    }

    /** @throws dev.berth.gateway.api.DockerApiException when the pull fails before it starts */
    Stream start(String reference, String platform, String registryAuth) {
        PullImageRequest request = PullImageRequest.newBuilder()
                .setReference(reference).setPlatform(platform).setRegistryAuth(registryAuth).build();
        // the call is bound to this context: cancelling it ends the pull's stream when the client leaves
        Context.CancellableContext call = Context.current().withCancellation();
        try {
            Iterator<PullProgress> events = call.call(() -> images.pullImage(request));
            if (!events.hasNext()) {
                throw new IllegalStateException("image-service ended the pull of " + reference + " without a word");
            }
            return new Stream(call, events);
        } catch (StatusRuntimeException e) {
            call.cancel(null);
            throw GrpcErrors.toDocker(e);
        } catch (Exception e) {
            call.cancel(e);
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    /** A pull that has started: its events, the first one already received. */
    static final class Stream {
        private final Context.CancellableContext call;
        private final Iterator<PullProgress> events;

        private Stream(Context.CancellableContext call, Iterator<PullProgress> events) {
            this.call = call;
            this.events = events;
        }

        /** Writes every event as it arrives; the response is flushed after each. */
        void writeTo(OutputStream out, HttpServletResponse response) throws IOException {
            try {
                while (true) {
                    PullProgress event;
                    try {
                        if (!events.hasNext()) {
                            return;
                        }
                        event = events.next();
                    } catch (StatusRuntimeException e) {
                        write(out, response, PullMessages.error(GrpcErrors.message(Status.fromThrowable(e))));
                        return;
                    }
                    write(out, response, PullMessages.render(event));
                }
            } finally {
                call.cancel(null);
            }
        }

        private static void write(OutputStream out, HttpServletResponse response, String lines) throws IOException {
            out.write(lines.getBytes(StandardCharsets.UTF_8));
            out.flush();
            // Spring's streaming body ignores flush(): the response's buffer is what reaches the wire
            response.flushBuffer();
        }
    }
}
