package dev.berth.container.api;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.berth.proto.v1.ContainerServiceGrpc;
import dev.berth.proto.v1.WaitCondition;
import dev.berth.proto.v1.WaitContainerRequest;
import dev.berth.proto.v1.WaitContainerResponse;
import dev.berth.proto.v1.WaitResult;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/** One WaitContainer call, its messages queued for the test to take. */
final class WaitStream implements StreamObserver<WaitContainerResponse> {

    private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();

    static WaitStream open(ContainerServiceGrpc.ContainerServiceStub stub, String ref, WaitCondition condition) {
        WaitStream stream = new WaitStream();
        stub.waitContainer(WaitContainerRequest.newBuilder().setRef(ref).setCondition(condition).build(), stream);
        return stream;
    }

    /** Opens and returns once the server said the waiter is registered. */
    static WaitStream registered(ContainerServiceGrpc.ContainerServiceStub stub, String ref,
            WaitCondition condition) {
        WaitStream stream = open(stub, ref, condition);
        Object first = stream.take();
        if (!(first instanceof WaitContainerResponse response) || !response.getRegistered()) {
            throw new AssertionError("expected `registered`, got " + first);
        }
        return stream;
    }

    WaitResult result() {
        Object next = take();
        if (next instanceof WaitContainerResponse response && response.hasResult()) {
            return response.getResult();
        }
        throw new AssertionError("expected a result, got " + next);
    }

    Status error() {
        Object next = take();
        if (next instanceof Throwable t) {
            return Status.fromThrowable(t);
        }
        throw new AssertionError("expected an error, got " + next);
    }

    boolean hasNothingYet() {
        return messages.isEmpty();
    }

    Object take() {
        try {
            Object next = messages.poll(20, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("no message from WaitContainer");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void onNext(WaitContainerResponse value) {
        messages.add(value);
    }

    @Override
    public void onError(Throwable t) {
        messages.add(t);
    }

    @Override
    public void onCompleted() {
    }
}
