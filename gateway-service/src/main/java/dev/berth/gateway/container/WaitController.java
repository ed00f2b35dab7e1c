package dev.berth.gateway.container;

import dev.berth.gateway.api.DockerApiException;
import dev.berth.gateway.api.GrpcErrors;
import dev.berth.gateway.stream.ActiveStreams;
import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.WaitCondition;
import dev.berth.proto.v1.WaitContainerRequest;
import dev.berth.proto.v1.WaitContainerResponse;
import dev.berth.proto.v1.WaitResult;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POST /containers/{id}/wait. The 200 headers go out as soon as container-service watches the
 * condition (the CLI sends start only after it has them); the body follows when it holds.
 * No thread is held while waiting.
 */
@RestController
class WaitController {

    private static final long REGISTER_TIMEOUT_SECONDS = 30;

    private final ContainerServiceGrpc.ContainerServiceStub containers;
    private final ActiveStreams active;

    WaitController(ContainerServiceGrpc.ContainerServiceStub containerServiceAsync, ActiveStreams active) {
        this.containers = containerServiceAsync;
        this.active = active;
    }

    @PostMapping("/containers/{id}/wait")
    DeferredResult<Map<String, Object>> await(@PathVariable String id,
                                              @RequestParam(defaultValue = "") String condition,
                                              HttpServletResponse response) throws IOException {
        WaitCondition parsed = condition(condition);
        DeferredResult<Map<String, Object>> result = new DeferredResult<>(-1L);
        CompletableFuture<Void> registered = new CompletableFuture<>();
        Context.CancellableContext call = Context.current().withCancellation();
        call.run(() -> containers.waitContainer(
                WaitContainerRequest.newBuilder().setRef(id).setCondition(parsed).build(),
                new WaitObserver(registered, result)));
        try {
            registered.get(REGISTER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw GrpcErrors.toDocker(e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            call.cancel(e);
            throw new DockerApiException(HttpStatus.INTERNAL_SERVER_ERROR,
                    "container-service did not start watching container " + id);
        }
        active.waits().incrementAndGet();
        result.onCompletion(() -> {
            active.waits().decrementAndGet();
            call.cancel(null);
        });
        response.setStatus(200);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.flushBuffer();
        return result;
    }

    static WaitCondition condition(String condition) {
        return switch (condition) {
            case "", "not-running" -> WaitCondition.WAIT_CONDITION_NOT_RUNNING;
            case "next-exit" -> WaitCondition.WAIT_CONDITION_NEXT_EXIT;
            case "removed" -> WaitCondition.WAIT_CONDITION_REMOVED;
            default -> throw DockerApiException.badRequest("invalid condition: \"" + condition + "\"");
        };
    }

    static Map<String, Object> body(WaitResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("StatusCode", result.getExitCode());
        body.put("Error", result.getError().isEmpty() ? null : Map.of("Message", result.getError()));
        return body;
    }

    /** Headers on `registered`, body on `result`; a failure after the headers goes in the body. */
    private static final class WaitObserver implements StreamObserver<WaitContainerResponse> {
        private final CompletableFuture<Void> registered;
        private final DeferredResult<Map<String, Object>> result;

        WaitObserver(CompletableFuture<Void> registered, DeferredResult<Map<String, Object>> result) {
            this.registered = registered;
            this.result = result;
        }

        @Override
        public void onNext(WaitContainerResponse message) {
            if (message.hasResult()) {
                registered.complete(null);
                result.setResult(body(message.getResult()));
            } else {
                registered.complete(null);
            }
        }

        @Override
        public void onError(Throwable t) {
            if (!registered.completeExceptionally(t)) {
                Status status = Status.fromThrowable(t);
                result.setResult(body(WaitResult.newBuilder().setExitCode(-1)
                        .setError(GrpcErrors.message(status)).build()));
            }
        }

        @Override
        public void onCompleted() {
            if (!registered.isDone()) {
                registered.completeExceptionally(Status.INTERNAL
                        .withDescription("wait ended before it was registered").asRuntimeException());
            } else if (!result.hasResult()) {
                result.setResult(body(WaitResult.newBuilder().setExitCode(-1)
                        .setError("wait ended without a result").build()));
            }
        }
    }
}
