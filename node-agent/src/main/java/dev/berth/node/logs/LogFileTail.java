package dev.berth.node.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Reads whole lines appended to a log file since the last call; a line still being written waits. */
final class LogFileTail implements AutoCloseable {

    private final Path file;
    private FileChannel channel;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final ByteBuffer buffer = ByteBuffer.allocate(65536);

    LogFileTail(Path file) {
        this.file = file;
    }

    List<LogLine> readAvailable() throws IOException {
        List<LogLine> lines = new ArrayList<>();
        if (channel == null) {
            if (!Files.exists(file)) {
                return lines;
            }
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        while (true) {
            buffer.clear();
            int n = channel.read(buffer);
            if (n <= 0) {
                return lines;
            }
            byte[] bytes = buffer.array();
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    LogLine.parse(partial.toByteArray()).ifPresent(lines::add);
                    partial.reset();
                } else {
                    partial.write(bytes[i]);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
