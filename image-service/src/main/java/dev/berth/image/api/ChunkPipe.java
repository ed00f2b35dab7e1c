package dev.berth.image.api;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An upload's chunks handed from the gRPC thread that receives them to the thread that reads
 * them as one stream, a few at a time: the sender waits while the reader is behind (so memory
 * stays bounded), and a reader that stopped (a refused body) makes further chunks go nowhere.
 */
final class ChunkPipe {

    private static final int CHUNKS_AHEAD = 32;
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private volatile boolean readerGone;

    /** Waits for room; drops the chunk once the reader is gone. */
    void put(ByteString chunk) throws InterruptedException {
        offer(chunk);
    }

    /** The body ended. */
    void end() throws InterruptedException {
        offer(END);
    }

    /** The sender failed: the reader's next read fails. */
    void fail(Throwable cause) {
        queue.clear();
        queue.offer(cause);
    }

    /** The reader is done (or gave up): what is still sent is dropped. */
    void readerDone() {
        readerGone = true;
        queue.clear();
    }

    private void offer(Object item) throws InterruptedException {
        while (!readerGone && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
            // the reader is behind: wait for room
        }
    }

    InputStream input() {
        return new InputStream() {
            private ByteString current = ByteString.EMPTY;
            private int position;
            private boolean ended;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                while (position == current.size()) {
                    if (ended) {
                        return -1;
                    }
                    Object next;
                    try {
                        next = queue.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while the upload was read", e);
                    }
                    if (next == END) {
                        ended = true;
                        return -1;
                    }
                    if (next instanceof Throwable failure) {
                        ended = true;
                        throw new IOException("the upload ended early: " + failure.getMessage(), failure);
                    }
                    current = (ByteString) next;
                    position = 0;
                }
                int n = Math.min(length, current.size() - position);
                current.copyTo(buffer, position, offset, n);
                position += n;
                return n;
            }
        };
    }
}
