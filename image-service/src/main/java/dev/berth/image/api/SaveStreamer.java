package dev.berth.image.api;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.image.archive.ImageSaver;
import dev.berth.proto.v1.BlobChunk;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * Streams a save archive: a writer thread writes the tar into a pipe, {@link BlobSender} sends what
 * the pipe holds while the transport is ready. The pipe's small buffer is the backpressure: the
 * archive is never held in memory. A caller that leaves closes the pipe, which ends the writer.
 */
final class SaveStreamer {

    private static final Logger LOG = LoggerFactory.getLogger(SaveStreamer.class);
    private static final int PIPE_BUFFER = 256 * 1024;

    private SaveStreamer() {
    }

    static void stream(ImageSaver.Archive archive, ServerCallStreamObserver<BlobChunk> call, Executor senders)
            throws IOException {
        PipedInputStream in = new PipedInputStream(PIPE_BUFFER);
        PipedOutputStream out = new PipedOutputStream(in);
        Thread writer = new Thread(() -> {
            try (out) {
                archive.writeTo(out);
            } catch (IOException | RuntimeException e) {
                // the reader sees the pipe end early; the client gets a truncated tar and an error status
                LOG.warn("docker save stopped: {}", e.getMessage());
                closeQuietly(in);
            }
        }, "image-save");
        writer.setDaemon(true);
        writer.start();
        new BlobSender(in, call).start(senders);
    }

    private static void closeQuietly(PipedInputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
