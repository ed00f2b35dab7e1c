package dev.berth.image.pull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/**
 * Reads a download and writes every byte it reads to the content store's ingest, so one pass over
 * the network both stores the blob and feeds the decompressor; reports the running byte count.
 */
final class CopyingInputStream extends InputStream {

    private final InputStream in;
    private final OutputStream copy;
    private final LongConsumer progress;
    private long count;

    CopyingInputStream(InputStream in, OutputStream copy, LongConsumer progress) {
        this.in = in;
        this.copy = copy;
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            copy.write(buffer, offset, n);
            count += n;
            progress.accept(count);
        }
        return n;
    }

    /** Reads what is left (bytes after the compressed stream's end belong to the blob too). */
    void drain(int bufferSize) throws IOException {
        byte[] buffer = new byte[bufferSize];
        while (read(buffer, 0, bufferSize) >= 0) {
            // counted, copied and reported by read
        }
    }

    long count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
