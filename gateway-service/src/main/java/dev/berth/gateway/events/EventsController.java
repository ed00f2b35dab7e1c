package dev.berth.gateway.events;

import dev.berth.proto.v1.EngineEvent;
import dev.berth.proto.v1.EngineEventsGrpc;
import dev.berth.proto.v1.WatchEngineEventsRequest;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GET /events (docker events): the headers at once, then each event as it comes, flushed.
 * Ends when container-service ends the watch ({@code until} reached, or only past events
 * asked for) or when the client leaves; either way the gRPC watch is cancelled. One thread per
 * stream (the stream executor), waiting.
 */
@RestController
class EventsController {

    private static final Logger log = LoggerFactory.getLogger(EventsController.class);
    /**
     * Tomcat does not tell a streaming response that its client closed the connection; only a
     * write finds out. So an idle stream writes one space every few seconds, and a client gone
     * releases its watch within that time rather than at the next event.
     */
    private static final long HEARTBEAT_SECONDS = 5;

    private final EngineEventsGrpc.EngineEventsStub events;

    EventsController(EngineEventsGrpc.EngineEventsStub engineEventsAsync) {
        this.events = engineEventsAsync;
    }

    @GetMapping("/events")
    ResponseEntity<StreamingResponseBody> events(@RequestParam(defaultValue = "") String since,
                                                 @RequestParam(defaultValue = "") String until,
                                                 @RequestParam(defaultValue = "") String filters,
                                                 HttpServletRequest request, HttpServletResponse response) {
        WatchEngineEventsRequest query = EventQuery.parse(since, until, filters);
        StreamingResponseBody body = out -> stream(query, out, request, response);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private void stream(WatchEngineEventsRequest query, OutputStream out, HttpServletRequest request,
                        HttpServletResponse response) throws IOException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        request.getAsyncContext().addListener(new ClientGone(done));
        response.flushBuffer();
        Watch watch = new Watch(out, response, done);
        events.watchEngineEvents(query, watch);
        try {
            while (!awaitQuietPeriod(done)) {
                watch.heartbeat();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.debug("event stream ended: {}", e.getCause().toString());
        } finally {
            watch.cancel();
        }
    }

    /** True when the stream ended; false after a quiet period with nothing written. */
    private static boolean awaitQuietPeriod(CompletableFuture<Void> done) throws InterruptedException, ExecutionException {
        try {
            done.get(HEARTBEAT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** Writes each event and flushes it; a failed write means the client left. */
    private static final class Watch implements ClientResponseObserver<WatchEngineEventsRequest, EngineEvent> {
        private final OutputStream out;
        private final HttpServletResponse response;
        private final CompletableFuture<Void> done;
        private volatile ClientCallStreamObserver<WatchEngineEventsRequest> call;

        Watch(OutputStream out, HttpServletResponse response, CompletableFuture<Void> done) {
            this.out = out;
            this.response = response;
            this.done = done;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<WatchEngineEventsRequest> requestStream) {
            call = requestStream;
        }

        @Override
        public synchronized void onNext(EngineEvent event) {
            if (done.isDone()) {
                return;
            }
            try {
                out.write(EventMessages.line(event));
                response.flushBuffer();
            } catch (IOException e) {
                done.complete(null);
            }
        }

        /** One space: JSON decoders skip it, and the write fails once the client has gone. */
        synchronized void heartbeat() {
            if (done.isDone()) {
                return;
            }
            try {
                out.write(' ');
                response.flushBuffer();
            } catch (IOException e) {
                done.complete(null);
            }
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
            done.complete(null);
        }

        void cancel() {
            ClientCallStreamObserver<WatchEngineEventsRequest> current = call;
            if (current != null && !done.isCompletedExceptionally()) {
                current.cancel("events client left", null);
            }
        }
    }

    /** The async request ended otherwise (an error Tomcat saw, a shutdown): stop waiting. */
    private record ClientGone(CompletableFuture<Void> done) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            done.complete(null);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            done.complete(null);
        }

        @Override
        public void onError(AsyncEvent event) {
            done.complete(null);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
