package dev.berth.image.api;

import dev.berth.common.error.GrpcStatuses;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;

import com.google.protobuf.ByteString;

import dev.berth.proto.v1.BlobChunk;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * Streams one blob in 256 KiB chunks from a thread of its own (a blob a download is still writing
 * blocks between its chunks), sending only while the transport is ready, so a slow reader does not
 * make the server buffer a whole layer in memory. A cancelled call stops the reading.
 */
final class BlobSender {

    static final int CHUNK_SIZE = 256 * 1024;

    private final InputStream blob;
    private final ServerCallStreamObserver<BlobChunk> call;
    private final Object ready = new Object();
    private volatile boolean cancelled;

    BlobSender(InputStream blob, ServerCallStreamObserver<BlobChunk> call) {
        this.blob = blob;
        this.call = call;
    }

    void start(Executor threads) {
        call.setOnCancelHandler(this::cancel);
        call.setOnReadyHandler(this::wake);
        threads.execute(this::send);
    }

    private void send() {
        try (InputStream in = blob) {
            byte[] buffer = new byte[CHUNK_SIZE];
            while (!cancelled) {
                int n = in.readNBytes(buffer, 0, CHUNK_SIZE);
                if (n <= 0) {
                    call.onCompleted();
                    return;
                }
                awaitReady();
                if (cancelled) {
                    return;
                }
                call.onNext(BlobChunk.newBuilder().setData(ByteString.copyFrom(buffer, 0, n)).build());
            }
        } catch (IOException | RuntimeException e) {
            if (!cancelled) {
                call.onError(GrpcStatuses.toStatus(e));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() throws InterruptedException {
        synchronized (ready) {
            while (!call.isReady() && !cancelled) {
                ready.wait();
            }
        }
    }

    private void wake() {
        synchronized (ready) {
            ready.notifyAll();
        }
    }

    private void cancel() {
        cancelled = true;
        wake();
        try {
            blob.close(); // a reader waiting for a download's next bytes wakes up
        } catch (IOException ignored) {
            // nothing left to tell the caller
        }
    }
}
