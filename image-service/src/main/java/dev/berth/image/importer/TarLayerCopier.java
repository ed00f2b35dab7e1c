package dev.berth.image.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import dev.berth.common.error.BerthException;

/**
 * Copies an uncompressed layer to its destination byte for byte while reading it as a tar, in one
 * pass: every byte the tar reader consumes (skipped entry contents included) goes to the
 * destination, then whatever follows the end-of-archive marker. Input that does not read as a tar is
 * refused with Go's archive/tar message, which Docker shows.
 */
final class TarLayerCopier {

    static final String INVALID_TAR = "archive/tar: invalid tar header";
    private static final int RECORD = 512;

    private TarLayerCopier() {
    }

    /**
     * @return the number of tar entries
     * @throws BerthException when the input is not a tar (or not readable compressed data)
     * @throws UncheckedIOException when the destination cannot be written
     */
    static int copy(InputStream layer, OutputStream destination) {
        TeeStream tee = new TeeStream(layer, destination);
        int entries = 0;
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(tee);
            while (tar.getNextEntry() != null) {
                entries++;
            }
            tee.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | IllegalArgumentException e) {
            throw BerthException.invalid(INVALID_TAR, e);
        }
        // An empty or truncated input yields no entry without an error; a real (even empty) tar
        // holds at least its two zero end records.
        if (entries == 0 && tee.count < 2 * RECORD) {
            throw BerthException.invalid(INVALID_TAR);
        }
        return entries;
    }

    /** Reads from the layer and writes what it reads; skip() reads too, so nothing bypasses the copy. */
    private static final class TeeStream extends InputStream {
        private final InputStream in;
        private final OutputStream out;
        private final byte[] skipBuffer = new byte[8192];
        private long count;

        TeeStream(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                emit(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                emit(buffer, offset, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = 0;
            while (skipped < n) {
                int chunk = read(skipBuffer, 0, (int) Math.min(skipBuffer.length, n - skipped));
                if (chunk < 0) {
                    break;
                }
                skipped += chunk;
            }
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() {
            // the caller owns both streams
        }

        private void emit(byte[] buffer, int offset, int length) {
            try {
                out.write(buffer, offset, length);
                count += length;
            } catch (IOException e) {
                // a destination fault is ours, not the caller's: keep it apart from bad input
                throw new UncheckedIOException(e);
            }
        }
    }
}
