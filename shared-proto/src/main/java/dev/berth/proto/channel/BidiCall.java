package dev.berth.proto.channel;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;

/**
 * A bidirectional call read as a blocking iterator of its answers, with sends from any thread:
 * the blocking stubs have no such form. Answers queue as they come (the calls this serves answer
 * small, throttled events); the iterator throws the call's failure as a StatusRuntimeException.
 * A call started in a cancellable gRPC context ends when that context is cancelled.
 */
public final class BidiCall<Q, R> implements Iterator<R> {

    private static final Object END = new Object();

    private final LinkedBlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    private final StreamObserver<Q> requests;
    private ClientCallStreamObserver<Q> call;
    private Object next;

    /** @param start the async stub's method, e.g. {@code stub::pullImage} */
    public BidiCall(Function<StreamObserver<R>, StreamObserver<Q>> start) {
        this.requests = start.apply(new ClientResponseObserver<Q, R>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
                call = requestStream;
            }

            @Override
            public void onNext(R value) {
                answers.add(value);
            }

            @Override
            public void onError(Throwable t) {
                answers.add(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                answers.add(END);
            }
        });
    }

    /** Sends one message; a call that already ended drops it. */
    public synchronized void send(Q message) {
        try {
            requests.onNext(message);
        } catch (IllegalStateException | io.grpc.StatusRuntimeException ended) {
            // the call is over: its status reaches the reader
        }
    }

    public synchronized void halfClose() {
        try {
            requests.onCompleted();
        } catch (IllegalStateException ended) {
            // already over
        }
    }

    /** Ends the call from this side; the reader sees CANCELLED with the reason. */
    public synchronized void cancel(String why, Throwable cause) {
        if (call != null) {
            call.cancel(why, cause);
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = answers.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel("interrupted", e);
                throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
            }
        }
        if (next instanceof Status status) {
            throw status.asRuntimeException();
        }
        return next != END;
    }

    @Override
    @SuppressWarnings("unchecked")
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        R value = (R) next;
        next = null;
        return value;
    }
}
