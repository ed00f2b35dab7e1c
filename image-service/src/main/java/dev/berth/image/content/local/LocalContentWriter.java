package dev.berth.image.content.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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

/** Writes one ingest file, digesting as it goes; see {@link ContentWriter} for the contract. */
final class LocalContentWriter implements ContentWriter {

    private final Path ingest;
    private final LocalContentStore store;
    private final FileChannel channel;
    private final MessageDigest digester = Digest.newDigester();
    private final CountingStream stream;
    private boolean finished;

    LocalContentWriter(Path ingest, LocalContentStore store) throws IOException {
        this.ingest = ingest;
        this.store = store;
        this.channel = FileChannel.open(ingest, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        this.stream = new CountingStream(new DigestOutputStream(Channels.newOutputStream(channel), digester));
    }

    @Override
    public OutputStream stream() {
        return stream;
    }

    @Override
    public long written() {
        return stream.count;
    }

    @Override
    public BlobInfo commit(long expectedSize, Digest expected) {
        if (finished) {
            throw new IllegalStateException("ingest already committed or closed");
        }
        try {
            channel.force(true);
            channel.close();
            long size = stream.count;
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
            finished = true;
            return info;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            channel.close();
            Files.deleteIfExists(ingest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts bytes; close is a no-op so that wrapping streams cannot end the ingest early. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() {
            // the writer owns the channel
        }
    }
}
