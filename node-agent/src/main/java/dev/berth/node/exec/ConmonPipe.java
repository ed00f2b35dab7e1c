package dev.berth.node.exec;

import dev.berth.node.nativ.LibC;
import dev.berth.node.nativ.Native;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A pipe conmon reports on ({@code _OCI_SYNCPIPE}, {@code _OCI_ATTACHPIPE}): one line of JSON
 * per message, {@code {"data": N}} with a {@code "message"} on failure. Waiting for the next
 * message blocks in poll(2) until it comes, conmon closes its end (it exited), or the deadline.
 * Both ends are close-on-exec; the child gets the write end through a spawn dup.
 */
final class ConmonPipe implements AutoCloseable {

    /** A message: {@code data} is a pid, an exit status, 0 for "attach socket ready", or negative on failure. */
    record Message(int data, String message) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private int readFd;
    private int writeFd;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private ConmonPipe(int readFd, int writeFd) {
        this.readFd = readFd;
        this.writeFd = writeFd;
    }

    static ConmonPipe open() throws IOException {
        int[] fds = new int[2];
        if (Native.libc().pipe2(fds, LibC.O_CLOEXEC) != 0) {
            throw new IOException(Native.lastError("pipe2"));
        }
        return new ConmonPipe(fds[0], fds[1]);
    }

    /** The end conmon writes to; this process keeps it only until conmon has been spawned. */
    int writeFd() {
        return writeFd;
    }

    /** After the spawn: only conmon holds the write end, so its exit ends the pipe. */
    synchronized void closeWriteEnd() {
        if (writeFd >= 0) {
            Native.libc().close(writeFd);
            writeFd = -1;
        }
    }

    /** The next message; null if conmon closed the pipe first or the deadline passed. */
    synchronized Message next(long deadlineMillis) throws IOException {
        byte[] buffer = new byte[4096];
        while (true) {
            Message message = parsed();
            if (message != null) {
                return message;
            }
            if (readFd < 0) {
                return null;
            }
            long left = deadlineMillis - System.currentTimeMillis();
            if (left <= 0) {
                return null;
            }
            int[] pollFd = {readFd, LibC.POLLIN};
            int ready = Native.libc().poll(pollFd, 1, (int) Math.min(left, Integer.MAX_VALUE));
            if (ready < 0 && Native.errno() != LibC.EINTR) {
                throw new IOException(Native.lastError("poll"));
            }
            if (ready <= 0) {
                continue;
            }
            long n = Native.libc().read(readFd, buffer, buffer.length);
            if (n == 0) {
                return null;
            }
            if (n < 0) {
                if (Native.errno() == LibC.EINTR) {
                    continue;
                }
                throw new IOException(Native.lastError("read conmon pipe"));
            }
            pending.write(buffer, 0, (int) n);
        }
    }

    private Message parsed() throws IOException {
        byte[] bytes = pending.toByteArray();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                String line = new String(bytes, 0, i, StandardCharsets.UTF_8);
                pending.reset();
                pending.write(bytes, i + 1, bytes.length - i - 1);
                return parse(line);
            }
        }
        return null;
    }

    static Message parse(String line) throws IOException {
        try {
            JsonNode node = JSON.readTree(line);
            if (!node.path("data").isNumber()) {
                throw new IOException("conmon sent " + line);
            }
            return new Message(node.path("data").asInt(), node.path("message").asString(""));
        } catch (RuntimeException e) {
            throw new IOException("conmon sent " + line, e);
        }
    }

    @Override
    public synchronized void close() {
        closeWriteEnd();
        if (readFd >= 0) {
            Native.libc().close(readFd);
            readFd = -1;
        }
    }
}
