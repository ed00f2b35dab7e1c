package dev.berth.node.api;

import com.google.protobuf.ByteString;
import dev.berth.proto.v1.ArchiveChunk;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A server stream of tar bytes in 64 KiB messages, each sent only once gRPC's flow control says
 * the client can take it: the writer (on a thread of its own) waits for a slow client, so a whole
 * tar never piles up in memory. Create it on the call's thread: it installs the call's handlers.
 */
final class ArchiveChunkStream extends OutputStream {

    static final int CHUNK = 64 * 1024;

    private final ServerCallStreamObserver<ArchiveChunk> call;
    private final Object ready = new Object();
    private final byte[] buffer = new byte[CHUNK];
    private int filled;
    private volatile boolean cancelled;

    ArchiveChunkStream(ServerCallStreamObserver<ArchiveChunk> call) {
        this.call = call;
        call.setOnReadyHandler(this::wake);
        call.setOnCancelHandler(() -> {
            cancelled = true;
            wake();
        });
    }

    boolean cancelled() {
        return cancelled;
    }

    @Override
    public void write(int b) throws IOException {
        buffer[filled++] = (byte) b;
        if (filled == CHUNK) {
            send();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, CHUNK - filled);
            System.arraycopy(bytes, offset, buffer, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == CHUNK) {
                send();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        if (filled > 0) {
            send();
        }
    }

    private void send() throws IOException {
        synchronized (ready) {
            while (!call.isReady() && !cancelled) {
                try {
                    ready.wait(1000); // the timeout only re-checks; readiness and cancellation wake us at once
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while sending the archive", e);
                }
            }
        }
        if (cancelled) {
            throw new IOException("the archive's reader went away");
        }
        call.onNext(ArchiveChunk.newBuilder().setData(ByteString.copyFrom(buffer, 0, filled)).build());
        filled = 0;
    }

    private void wake() {
        synchronized (ready) {
            ready.notifyAll();
        }
    }
}
