package dev.berth.node.api;

import dev.berth.common.error.GrpcStatuses;
import dev.berth.node.attach.ClientOutbox;
import io.grpc.stub.ServerCallStreamObserver;

/** A server stream as the client of a {@link ClientOutbox}, which drains it on its on-ready handler. */
final class GrpcClient<T> implements ClientOutbox.Client<T> {

    private final ServerCallStreamObserver<T> call;

    private GrpcClient(ServerCallStreamObserver<T> call) {
        this.call = call;
    }

    /** An outbox for the call: drained whenever the call turns ready, discarded when it is cancelled. */
    static <T> ClientOutbox<T> outbox(ServerCallStreamObserver<T> call, java.util.function.ToIntFunction<T> sizeOf,
                                      long backlogLimitBytes, long liveLimitBytes) {
        ClientOutbox<T> outbox = new ClientOutbox<>(new GrpcClient<>(call), sizeOf, backlogLimitBytes, liveLimitBytes);
        call.setOnReadyHandler(outbox::drain);
        return outbox;
    }

    @Override
    public boolean isReady() {
        return call.isReady();
    }

    @Override
    public void send(T item) {
        if (!call.isCancelled()) {
            call.onNext(item);
        }
    }

    @Override
    public void complete() {
        if (!call.isCancelled()) {
            call.onCompleted();
        }
    }

    @Override
    public void fail(Throwable reason) {
        if (!call.isCancelled()) {
            call.onError(GrpcStatuses.toStatus(reason));
        }
    }
}
