package dev.berth.gateway.backend;

import io.grpc.stub.ClientCallStreamObserver;

import java.util.function.BooleanSupplier;

/**
 * gRPC outbound flow control for a client stream fed from a blocking source (an HTTP body, a
 * hijacked socket): the feeding thread waits until the transport can take another message, so
 * nothing piles up in memory when the server reads slower than the client writes.
 * Create it in {@code beforeStart}: it installs the stream's on-ready handler.
 */
public final class ReadyGate {

    private final ClientCallStreamObserver<?> stream;

    public ReadyGate(ClientCallStreamObserver<?> stream) {
        this.stream = stream;
        stream.setOnReadyHandler(this::open);
    }

    /** Returns once the stream is ready for a message, or as soon as {@code abandoned} says so. */
    public synchronized void await(BooleanSupplier abandoned) throws InterruptedException {
        while (!stream.isReady() && !abandoned.getAsBoolean()) {
            wait(1000); // the timeout only re-checks `abandoned`; readiness wakes us at once
        }
    }

    /** Wakes the waiting feeder: the stream became ready, or the call ended. */
    public synchronized void open() {
        notifyAll();
    }
}
