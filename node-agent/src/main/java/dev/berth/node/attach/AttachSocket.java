package dev.berth.node.attach;

import dev.berth.node.nativ.LibC;
import dev.berth.node.nativ.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A client of conmon's attach socket ({@code BUNDLE/attach}, SOCK_SEQPACKET). Connected through
 * {@code /proc/self/fd/N/attach} of an O_PATH descriptor of the bundle, so that long bundle paths
 * fit in sun_path. Packets from conmon: one stream byte (2 stdout, 3 stderr) then the data.
 */
public final class AttachSocket {

    static final int MAX_PACKET = 8192;

    private final int fd;
    private volatile boolean closed;

    private AttachSocket(int fd) {
        this.fd = fd;
    }

    public static AttachSocket connect(Path bundle) throws IOException {
        LibC libc = Native.libc();
        int dirFd = libc.open(bundle.toString(), LibC.O_PATH | LibC.O_CLOEXEC, 0);
        if (dirFd < 0) {
            throw new IOException(Native.lastError("open " + bundle));
        }
        try {
            int fd = libc.socket(LibC.AF_UNIX, LibC.SOCK_SEQPACKET | LibC.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new IOException(Native.lastError("socket"));
            }
            byte[] path = ("/proc/self/fd/" + dirFd + "/attach").getBytes(StandardCharsets.UTF_8);
            byte[] address = new byte[110];
            address[0] = LibC.AF_UNIX; // sa_family_t, little endian
            System.arraycopy(path, 0, address, 2, path.length);
            if (libc.connect(fd, address, 2 + path.length + 1) != 0) {
                String error = Native.lastError("connect " + bundle.resolve("attach"));
                libc.close(fd);
                throw new IOException(error);
            }
            return new AttachSocket(fd);
        } finally {
            libc.close(dirFd);
        }
    }

    /** Reads one packet into the buffer; -1 at the end of the output. */
    int read(byte[] buffer) {
        while (true) {
            long n = Native.libc().read(fd, buffer, buffer.length);
            if (n > 0) {
                return (int) n;
            }
            if (n < 0 && Native.errno() == LibC.EINTR && !closed) {
                continue;
            }
            return -1;
        }
    }

    /** Writes stdin bytes in packets conmon reads whole. */
    void write(byte[] data) throws IOException {
        for (int offset = 0; offset < data.length; offset += MAX_PACKET) {
            byte[] packet = Arrays.copyOfRange(data, offset, Math.min(data.length, offset + MAX_PACKET));
            while (true) {
                long n = Native.libc().write(fd, packet, packet.length);
                if (n >= 0) {
                    break;
                }
                if (Native.errno() != LibC.EINTR) {
                    throw new IOException(Native.lastError("write stdin"));
                }
            }
        }
    }

    /** Half-close: conmon closes the container's stdin. */
    void closeWrite() {
        Native.libc().shutdown(fd, LibC.SHUT_WR);
    }

    /** Wakes a blocked reader; the pump closes the descriptor itself. */
    void shutdown() {
        closed = true;
        Native.libc().shutdown(fd, LibC.SHUT_RDWR);
    }

    void close() {
        closed = true;
        Native.libc().close(fd);
    }
}
