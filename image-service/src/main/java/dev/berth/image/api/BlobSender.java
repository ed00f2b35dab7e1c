package dev.berth.image.api;

import dev.berth.common.error.GrpcStatuses;
import java.io.IOException;
import java.io.InputStream;

import com.google.protobuf.ByteString;

import dev.berth.proto.v1.BlobChunk;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * Streams one blob in 64 KiB chunks, only while the transport is ready, so a slow reader does
 * not make the server buffer a whole layer in memory.
 */
final class BlobSender {

    static final int CHUNK_SIZE = 64 * 1024;

    private final InputStream blob;
    private final ServerCallStreamObserver<BlobChunk> call;
    private boolean done;

    BlobSender(InputStream blob, ServerCallStreamObserver<BlobChunk> call) {
        this.blob = blob;
        this.call = call;
    }

    void start() {
        call.setOnCancelHandler(this::cancel);
        call.setOnReadyHandler(this::sendWhileReady);
    }

    private synchronized void sendWhileReady() {
        if (done) {
            return;
        }
        try {
            byte[] buffer = new byte[CHUNK_SIZE];
            while (call.isReady()) {
                int n = blob.readNBytes(buffer, 0, CHUNK_SIZE);
                if (n <= 0) {
                    finish();
                    call.onCompleted();
                    return;
                }
                call.onNext(BlobChunk.newBuilder().setData(ByteString.copyFrom(buffer, 0, n)).build());
            }
        } catch (IOException | RuntimeException e) {
            finish();
            call.onError(GrpcStatuses.toStatus(e));
        }
    }

    private synchronized void cancel() {
        finish();
    }

    private void finish() {
        done = true;
        try {
            blob.close();
        } catch (IOException ignored) {
            // nothing left to tell the caller
        }
    }
}
