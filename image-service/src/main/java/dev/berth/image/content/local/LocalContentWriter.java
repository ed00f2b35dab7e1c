package dev.berth.image.content.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

import dev.berth.image.content.BlobInfo;
import dev.berth.image.content.ContentWriter;
import dev.berth.common.digest.Digest;
import dev.berth.common.error.BerthException;

/**
 * Writes one ingest file, digesting as it goes; see {@link ContentWriter} for the contract. The
 * ingest can be followed: readers see each byte once it reached the file, and their end once the
 * blob is committed. The writer's monitor guards the count, the state and the rename, so a reader
 * never opens an ingest file that has just moved.
 */
final class LocalContentWriter implements ContentWriter {

    private enum State { OPEN, COMMITTED, DISCARDED }

    private final Path ingest;
    private final LocalContentStore store;
    private final Digest expected;
    private final FileChannel channel;
    private final MessageDigest digester = Digest.newDigester();
    private final CountingStream stream;
    private long written;
    private State state = State.OPEN;
    private Digest committed;

    /** @param expected the digest the content should have, known ahead for a download; may be null */
    LocalContentWriter(Path ingest, LocalContentStore store, Digest expected) throws IOException {
        this.ingest = ingest;
        this.store = store;
        this.expected = expected;
        this.channel = FileChannel.open(ingest, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        this.stream = new CountingStream(new DigestOutputStream(Channels.newOutputStream(channel), digester), this);
    }

    @Override
    public OutputStream stream() {
        return stream;
    }

    @Override
    public synchronized long written() {
        return written;
    }

    private synchronized void advanced(long bytes) {
        written += bytes;
        notifyAll();
    }

    @Override
    public BlobInfo commit(long expectedSize, Digest expected) {
        synchronized (this) {
            if (state != State.OPEN) {
                throw new IllegalStateException("ingest already committed or closed");
            }
            try {
                channel.force(true);
                channel.close();
                long size = written;
                Digest actual = Digest.fromDigester(digester);
                if (expectedSize >= 0 && size != expectedSize) {
                    throw BerthException.precondition(
                            "unexpected commit size " + size + ", expected " + expectedSize);
                }
                if (expected != null && !expected.equals(actual)) {
                    throw BerthException.precondition(
                            "unexpected commit digest " + actual + ", expected " + expected);
                }
                BlobInfo info = store.publish(ingest, actual, size);
                committed = actual;
                state = State.COMMITTED;
                notifyAll();
                return info;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                close();
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            store.ingestEnded(expected, this);
            if (state != State.OPEN) {
                return;
            }
            state = State.DISCARDED;
            notifyAll();
            try {
                channel.close();
                Files.deleteIfExists(ingest);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A reader of the content as it is written; see {@link dev.berth.image.content.Provider#follow}. */
    synchronized InputStream follow() throws IOException {
        return switch (state) {
            case COMMITTED -> store.open(committed);
            case DISCARDED -> throw new IOException("the download of " + expected + " failed");
            case OPEN -> new Follower(FileChannel.open(ingest, StandardOpenOption.READ));
        };
    }

    /** Reads the ingest file up to what was written, waiting for more until the commit. */
    private final class Follower extends InputStream {
        private final FileChannel file;
        private long position;
        private boolean closed;

        Follower(FileChannel file) {
            this.file = file;
        }

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
            long available;
            synchronized (LocalContentWriter.this) {
                while (position >= written && state == State.OPEN && !closed) {
                    try {
                        LocalContentWriter.this.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while following " + expected, e);
                    }
                }
                if (closed) {
                    throw new IOException("closed");
                }
                available = written - position;
                if (available == 0) {
                    if (state == State.COMMITTED) {
                        return -1;
                    }
                    throw new IOException("the download of " + expected + " failed");
                }
            }
            int n = file.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, available)), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            synchronized (LocalContentWriter.this) {
                closed = true;
                LocalContentWriter.this.notifyAll();
            }
            file.close();
        }
    }

    /** Counts bytes; close is a no-op so that wrapping streams cannot end the ingest early. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        private final LocalContentWriter writer;

        CountingStream(OutputStream out, LocalContentWriter writer) {
            this.out = out;
            this.writer = writer;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            writer.advanced(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            writer.advanced(len);
        }

        @Override
        public void close() {
            // the writer owns the channel
        }
    }
}
