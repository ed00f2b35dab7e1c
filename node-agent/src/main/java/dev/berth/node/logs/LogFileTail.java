package dev.berth.node.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads whole lines appended to a log file since the last call, one at a time, so a file of any
 * size streams through a small buffer; a line still being written waits for the next call.
 */
final class LogFileTail implements AutoCloseable {

    /** Takes lines; false stops the reading. */
    interface LineSink {
        boolean accept(LogLine line) throws InterruptedException;
    }

    private final Path file;
    private FileChannel channel;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final ByteBuffer buffer = ByteBuffer.allocate(65536);

    LogFileTail(Path file) {
        this.file = file;
    }

    /** Reads to the current end of the file; false if the sink stopped it. */
    boolean readAvailable(LineSink sink) throws IOException, InterruptedException {
        if (channel == null) {
            if (!Files.exists(file)) {
                return true;
            }
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        while (true) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n <= 0) {
                return true;
            }
            byte[] bytes = buffer.array();
            int lineStart = 0;
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    partial.write(bytes, lineStart, i - lineStart);
                    lineStart = i + 1;
                    var line = LogLine.parse(partial.toByteArray());
                    partial.reset();
                    if (line.isPresent() && !sink.accept(line.get())) {
                        // what is left of the buffer is dropped with the reading
                        return false;
                    }
                }
            }
            partial.write(bytes, lineStart, n - lineStart);
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
