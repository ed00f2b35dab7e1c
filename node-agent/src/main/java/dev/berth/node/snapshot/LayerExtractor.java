package dev.berth.node.snapshot;

import dev.berth.node.nativ.Native;
import dev.berth.node.nativ.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks one layer tar into a directory. Entry names are untrusted: absolute names and names that
 * climb out with {@code ..} are refused, parents are created here and must not be symbolic links,
 * and an existing entry is replaced, never written through. OCI whiteouts become overlayfs ones.
 * Extended attributes come from the PAX headers' raw bytes ({@link TarRecordTap}), set after owner and mode.
 */
public final class LayerExtractor {

    public static final String WHITEOUT_PREFIX = ".wh.";
    public static final String OPAQUE_MARKER = ".wh..wh..opq";
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;

    private final Path root;
    private final List<Runnable> directoryTimes = new ArrayList<>();
    private final byte[] copyBuffer = new byte[256 * 1024];

    public LayerExtractor(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public void extract(InputStream tar) throws IOException {
        TarRecordTap tap = new TarRecordTap(tar);
        TarArchiveInputStream in = new TarArchiveInputStream(tap);
        TarArchiveEntry entry;
        while ((entry = in.getNextEntry()) != null) {
            apply(entry, in, tap.entryFor(entry).xattrs());
        }
        // Directory times last: creating entries inside a directory changes its mtime.
        for (int i = directoryTimes.size() - 1; i >= 0; i--) {
            directoryTimes.get(i).run();
        }
    }

    private void apply(TarArchiveEntry entry, InputStream content, Map<String, byte[]> xattrs) throws IOException {
        Path target = resolve(entry.getName());
        String base = target.equals(root) ? "" : target.getFileName().toString();
        if (base.startsWith(WHITEOUT_PREFIX)) {
            applyWhiteout(target, base);
            return;
        }
        if (!target.equals(root)) {
            createParents(target);
        }
        if (entry.isDirectory()) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                removeExisting(target);
                Files.createDirectory(target);
            }
        } else if (entry.isSymbolicLink()) {
            removeExisting(target);
            Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
            Path source = resolve(entry.getLinkName());
            checkNoSymlinkParents(source);
            if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("hard link " + entry.getName() + " to a missing or non-regular file " + entry.getLinkName());
            }
            removeExisting(target);
            Files.createLink(target, source);
            return;
        } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            removeExisting(target);
            int type = entry.isFIFO() ? S_IFIFO : entry.isCharacterDevice() ? S_IFCHR : S_IFBLK;
            int dev = makedev(entry.getDevMajor(), entry.getDevMinor());
            if (Native.libc().mknod(target.toString(), type | (entry.getMode() & 07777), dev) != 0) {
                throw new IOException(Native.lastError("mknod " + entry.getName()));
            }
        } else if (entry.isFile()) {
            removeExisting(target);
            writeFile(content, target);
        } else {
            return; // pax/GNU meta entries are consumed by commons-compress; anything else is skipped
        }
        applyMetadata(entry, target, xattrs);
    }

    /** A new file with the entry's bytes, in large writes: a layer's bulk is a few big files. */
    private void writeFile(InputStream content, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int n; (n = content.read(copyBuffer)) > 0; ) {
                out.write(copyBuffer, 0, n);
            }
        }
    }

    private void applyMetadata(TarArchiveEntry entry, Path target, Map<String, byte[]> xattrs) throws IOException {
        String path = target.toString();
        if (Native.posix().lchown(path, (int) entry.getLongUserId(), (int) entry.getLongGroupId()) != 0) {
            throw new IOException(Native.lastError("lchown " + entry.getName()));
        }
        if (!entry.isSymbolicLink()
                && Native.posix().chmod(path, entry.getMode() & 07777) != 0) { // after chown: it clears set-id bits
            throw new IOException(Native.lastError("chmod " + entry.getName()));
        }
        setXattrs(entry, path, xattrs); // after chown, which clears security.capability
        long seconds = entry.getModTime().toInstant().getEpochSecond();
        if (entry.isDirectory()) {
            directoryTimes.add(() -> setTime(path, seconds));
        } else {
            setTime(path, seconds);
        }
    }

    private static void setXattrs(TarArchiveEntry entry, String path, Map<String, byte[]> xattrs) throws IOException {
        // The kernel keeps user.* to regular files and directories (symlinks, devices: EPERM).
        boolean userAllowed = !(entry.isSymbolicLink() || entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO());
        for (Map.Entry<String, byte[]> xattr : xattrs.entrySet()) {
            String name = xattr.getKey();
            byte[] value = xattr.getValue();
            if (name.startsWith("user.") && !userAllowed) {
                continue;
            }
            if (Native.libc().lsetxattr(path, name, value, value.length, 0) != 0) {
                throw new IOException(Native.lastError("set extended attribute " + name + " on " + entry.getName()));
            }
        }
    }

    /** lutimes: never opens the file (a FIFO would block) and never follows a link. */
    private static void setTime(String path, long seconds) {
        long[] time = {seconds, 0};
        Native.posix().lutimes(path, time, time); // a timestamp is not worth failing the layer for
    }

    private void applyWhiteout(Path target, String base) throws IOException {
        Path dir = target.getParent();
        createParents(target);
        if (base.equals(OPAQUE_MARKER)) {
            byte[] yes = "y".getBytes(StandardCharsets.US_ASCII);
            if (Native.libc().lsetxattr(dir.toString(), "trusted.overlay.opaque", yes, yes.length, 0) != 0) {
                throw new IOException(Native.lastError("set opaque on " + dir));
            }
            return;
        }
        Path hidden = dir.resolve(base.substring(WHITEOUT_PREFIX.length()));
        removeExisting(hidden);
        if (Native.libc().mknod(hidden.toString(), S_IFCHR, 0) != 0) {
            throw new IOException(Native.lastError("whiteout " + hidden));
        }
    }

    /** The entry's path under the root; absolute names and {@code ..} escapes are refused. */
    Path resolve(String name) throws IOException {
        if (name.startsWith("/")) {
            throw new IOException("layer entry with an absolute path: " + name);
        }
        Path relative = Path.of(name).normalize();
        if (relative.startsWith("..")) {
            throw new IOException("layer entry escapes the root: " + name);
        }
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root)) {
            throw new IOException("layer entry escapes the root: " + name);
        }
        return target;
    }

    private void createParents(Path target) throws IOException {
        Path relativeParent = root.relativize(target.getParent() == null ? root : target.getParent());
        Path current = root;
        for (Path part : relativeParent) {
            if (part.toString().isEmpty()) {
                continue;
            }
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw new IOException("layer entry below a symbolic link: " + root.relativize(target));
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
            } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("layer entry below a non-directory: " + root.relativize(target));
            }
        }
    }

    private void checkNoSymlinkParents(Path target) throws IOException {
        Path current = root;
        for (Path part : root.relativize(target.getParent())) {
            if (part.toString().isEmpty()) {
                continue;
            }
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw new IOException("hard link through a symbolic link: " + root.relativize(target));
            }
        }
    }

    private static void removeExisting(Path target) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            Trees.deleteRecursively(target);
        } else {
            Files.deleteIfExists(target);
        }
    }

    /** glibc's makedev. */
    static int makedev(int major, int minor) {
        return ((major & 0xfff) << 8) | (minor & 0xff) | ((minor & 0xfff00) << 12);
    }
}
