package dev.berth.node.changes;

import dev.berth.node.nativ.Native;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Layer directories in overlayfs's format for tests, made as overlayfs and the layer extractor
 * make them: a whiteout is a character device 0/0, a replaced directory has the opaque xattr.
 * Needs root (mknod, trusted.* xattrs), as the agent itself.
 */
final class Layers {

    private final Path root;

    Layers(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    Path root() {
        return root;
    }

    Layers dir(String path) throws IOException {
        Files.createDirectories(root.resolve(path));
        return this;
    }

    Layers dir(String path, int mode) throws IOException {
        dir(path);
        chmod(path, mode);
        return this;
    }

    Layers file(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return this;
    }

    Layers symlink(String path, String target) throws IOException {
        Files.createSymbolicLink(root.resolve(path), Path.of(target));
        return this;
    }

    Layers whiteout(String path) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        if (Native.libc().mknod(file.toString(), 0020000, 0) != 0) {
            throw new IOException(Native.lastError("mknod " + file));
        }
        return this;
    }

    Layers opaque(String path) throws IOException {
        Path dir = Files.createDirectories(root.resolve(path));
        byte[] yes = {'y'};
        if (Native.libc().lsetxattr(dir.toString(), OpaqueDirectories.XATTR, yes, 1, 0) != 0) {
            throw new IOException(Native.lastError("lsetxattr " + dir));
        }
        return this;
    }

    Layers chmod(String path, int mode) throws IOException {
        if (Native.posix().chmod(root.resolve(path).toString(), mode) != 0) {
            throw new IOException(Native.lastError("chmod " + path));
        }
        return this;
    }

    Layers chown(String path, int uid, int gid) throws IOException {
        if (Native.posix().lchown(root.resolve(path).toString(), uid, gid) != 0) {
            throw new IOException(Native.lastError("lchown " + path));
        }
        return this;
    }

    /** A tar's entries by name, in order, and each regular file's content into {@code contents}. */
    static Map<String, TarArchiveEntry> entries(byte[] tar, Map<String, String> contents) throws IOException {
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), entry);
                if (entry.isFile() && !entry.isLink()) {
                    contents.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return entries;
    }
}
