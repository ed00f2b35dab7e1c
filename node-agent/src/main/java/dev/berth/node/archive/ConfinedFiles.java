package dev.berth.node.archive;

import dev.berth.node.nativ.LibC;
import dev.berth.node.nativ.Native;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens files for reading only where they really are under a root. A path walked a moment ago may
 * lead elsewhere now: a running container can swap a directory for a link to "/" of the host
 * meanwhile. So the file is opened first and the kernel's own name for what was opened (its
 * /proc/self/fd link, links resolved) must be the path asked for, under the root's real path.
 */
final class ConfinedFiles {

    private final Path root;
    private final Path realRoot;

    ConfinedFiles(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.realRoot = root.toRealPath();
    }

    /** The regular file at {@code file} (under the root), or an IOException naming the path when it is not there. */
    InputStream open(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        if (!absolute.startsWith(root)) {
            throw new IOException(file + " is not under " + root);
        }
        // O_NONBLOCK: a FIFO swapped in meanwhile must not block the open; it is refused below
        int fd = Native.libc().open(absolute.toString(), LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
        if (fd < 0) {
            if (Native.errno() == LibC.ENOENT) {
                throw new NoSuchFileException(file.toString());
            }
            throw new IOException(Native.lastError("open " + file));
        }
        try {
            Path opened = Path.of("/proc/self/fd", Integer.toString(fd));
            if (!Files.readSymbolicLink(opened).equals(realRoot.resolve(root.relativize(absolute)))
                    || !Files.isRegularFile(opened)) {
                throw new IOException(file + " changed while it was archived");
            }
            // reopening the descriptor's link opens the very file checked, without a path lookup
            return Files.newInputStream(opened);
        } finally {
            Native.libc().close(fd);
        }
    }
}
