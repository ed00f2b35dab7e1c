package dev.berth.gateway.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;

/**
 * A layer tar handed from the thread that writes it to the one that uploads it. A writer that
 * fails makes the reader fail too, instead of ending the stream there: a tar cut short could
 * otherwise pass for a whole, shorter layer.
 */
final class LayerPipe {

    private static final int BUFFER = 1 << 20;

    private final PipedInputStream in = new PipedInputStream(BUFFER);
    private final PipedOutputStream out;
    private final CountDownLatch writerDone = new CountDownLatch(1);
    private volatile Exception writerFailure;

    LayerPipe() {
        try {
            out = new PipedOutputStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    OutputStream output() {
        return out;
    }

    /** @param failure null when the tar was written whole */
    void writerDone(Exception failure) {
        writerFailure = failure;
        writerDone.countDown();
        try {
            out.close();
        } catch (IOException ignored) {
            // the reader sees the end, and the failure
        }
    }

    InputStream input() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return check(in.read());
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return check(in.read(buffer, offset, length));
            }

            /** At the end, the writer has said how it ended (it closes the pipe a moment before it says so). */
            private int check(int result) throws IOException {
                if (result < 0) {
                    try {
                        writerDone.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while the layer was written", e);
                    }
                    if (writerFailure != null) {
                        throw new IOException("the layer could not be written: " + writerFailure.getMessage(), writerFailure);
                    }
                }
                return result;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
