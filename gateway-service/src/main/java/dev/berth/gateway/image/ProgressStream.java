package dev.berth.gateway.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.function.Function;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.gateway.api.GrpcErrors;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;

/**
 * A server-streaming gRPC call answered as Docker's JSON message stream (pull, push). The first
 * event is awaited before any byte is answered, so a failure before it is a plain HTTP error; after
 * it, events are written as they come, each flushed, and a failure is the stream's last line.
 */
public final class ProgressStream<T> {

    private final Context.CancellableContext call;
    private final Iterator<T> events;
    private final Function<T, String> render;

    private ProgressStream(Context.CancellableContext call, Iterator<T> events, Function<T, String> render) {
        this.call = call;
        this.events = events;
        this.render = render;
    }

    /**
     * Starts the call and waits for its first event.
     *
     * @param what names the operation in the internal error of a stream that ends without a word
     * @throws dev.berth.gateway.api.DockerApiException when the call fails before its first event
     */
    static <T> ProgressStream<T> start(Callable<Iterator<T>> start, Function<T, String> render, String what) {
        // the call is bound to this context: cancelling it ends the call when the client leaves
        Context.CancellableContext call = Context.current().withCancellation();
        try {
            Iterator<T> events = call.call(start);
            if (!events.hasNext()) {
                throw new IllegalStateException("image-service ended the " + what + " without a word");
            }
            return new ProgressStream<>(call, events, render);
        } catch (StatusRuntimeException e) {
            call.cancel(null);
            throw notAsking(GrpcErrors.toDocker(e));
        } catch (Exception e) {
            call.cancel(e);
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    /**
     * A registry's refusal answers as dockerd's does, with a 500: a 401 would say the engine wants
     * the client's credentials, and the CLI would then prompt for a password on its terminal.
     */
    private static DockerApiException notAsking(DockerApiException e) {
        return e.status() == HttpStatus.UNAUTHORIZED
                ? new DockerApiException(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage()) : e;
    }

    /** Writes every event as it arrives; the response is flushed after each. False when it failed. */
    public boolean writeTo(OutputStream out, HttpServletResponse response) throws IOException {
        try {
            while (true) {
                T event;
                try {
                    if (!events.hasNext()) {
                        return true;
                    }
                    event = events.next();
                } catch (StatusRuntimeException e) {
                    write(out, response, PullMessages.error(GrpcErrors.message(Status.fromThrowable(e))));
                    return false;
                }
                write(out, response, render.apply(event));
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
