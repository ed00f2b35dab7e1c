package dev.berth.image.api;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * A server stream that several threads write to (a stream observer is not thread-safe: every call
 * is serialised here) and that drops what comes after the caller has gone, so that the work
 * behind it runs to its end.
 */
final class DroppingStream<T> {

    private final ServerCallStreamObserver<T> responses;
    private boolean cancelled;

    DroppingStream(ServerCallStreamObserver<T> responses) {
        this.responses = responses;
        responses.setOnCancelHandler(this::cancel);
    }

    synchronized void send(T event) {
        if (!cancelled) {
            responses.onNext(event);
        }
    }

    synchronized void complete() {
        if (!cancelled) {
            responses.onCompleted();
        }
    }

    synchronized void fail(StatusRuntimeException status) {
        if (!cancelled) {
            responses.onError(status);
        }
    }

    private synchronized void cancel() {
        cancelled = true;
    }
}
